package io.claimbridge.coding.ncci;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

import io.claimbridge.coding.codeset.XlsxSheetReader;

/**
 * Rows of a CMS NCCI table as shipped: tab-delimited .txt, quoted .csv, or .xlsx (optionally .gz
 * for text). CMS puts copyright and title lines above the column header; callers recognise data
 * rows by their shape, so those lines are simply passed through and ignored there.
 */
final class CmsTableRows {
    private CmsTableRows() {
    }

    static boolean isTable(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".txt") || n.endsWith(".csv") || n.endsWith(".tsv") || n.endsWith(".xlsx")
                || n.endsWith(".txt.gz") || n.endsWith(".csv.gz");
    }

    static void read(Path p, Consumer<String[]> row) throws IOException {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".xlsx")) {
            XlsxSheetReader.readFirstSheet(p, row);
            return;
        }
        var in = Files.newInputStream(p);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                n.endsWith(".gz") ? new GZIPInputStream(in) : in, StandardCharsets.ISO_8859_1), 1 << 16)) {
            String line;
            while ((line = r.readLine()) != null) {
                row.accept(line.indexOf('\t') >= 0 ? line.split("\t", -1) : splitCsv(line));
            }
        }
    }

    /** RFC-4180-ish: commas, double quotes with "" escapes. */
    static String[] splitCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder sb = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    sb.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    sb.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(sb.toString());
                sb.setLength(0);
            } else {
                sb.append(c);
            }
        }
        out.add(sb.toString());
        return out.toArray(String[]::new);
    }

    /** HCPCS/CPT shape: five letters/digits. */
    static boolean isCode(String s) {
        if (s.length() != 5) {
            return false;
        }
        for (int i = 0; i < 5; i++) {
            if (!Character.isLetterOrDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Only ASCII digits, length within [min, max] (no regex: runs per row of million-row tables). */
    static boolean isDigits(String s, int min, int max) {
        if (s.length() < min || s.length() > max) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** yyyyMMdd or empty/"*" (no date) → epoch day, or the given default. */
    static int day(String s, int ifNone) {
        String t = s.trim();
        if (t.isEmpty() || t.equals("*")) {
            return ifNone;
        }
        if (t.length() != 8) {
            throw new IllegalArgumentException("bad date " + t);
        }
        int v = Integer.parseInt(t);
        return (int) java.time.LocalDate.of(v / 10000, (v / 100) % 100, v % 100).toEpochDay();
    }
}
