package io.claimbridge.coding.codeset;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * One CMS/NCHS ICD-10 "order file" (CM or PCS, same fixed-width layout): columns 1-5 order
 * number, 7-13 code without dot, 15 flag (0 = header, 1 = valid for submission), 17-76 short
 * title, 78- long title. Titles are not kept: the engine needs codes and flags only.
 */
public record OrderFile(int fiscalYear, String[] codes, BitSet billable) {

    public static OrderFile read(int fiscalYear, Path path) throws IOException {
        List<String> codes = new ArrayList<>(100_000);
        BitSet billable = new BitSet(100_000);
        try (BufferedReader r = reader(path)) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                if (line.length() < 15) {
                    throw new IOException(path.getFileName() + ":" + lineNo + ": short order-file line");
                }
                String code = line.substring(6, 13).trim();
                char flag = line.charAt(14);
                if (code.isEmpty() || (flag != '0' && flag != '1')) {
                    throw new IOException(path.getFileName() + ":" + lineNo + ": not an order-file line");
                }
                if (flag == '1') {
                    billable.set(codes.size());
                }
                codes.add(code);
            }
        }
        return new OrderFile(fiscalYear, codes.toArray(String[]::new), billable);
    }

    /** Opens plain or .gz text, ASCII/Latin-1 as shipped by CMS. */
    static BufferedReader reader(Path path) throws IOException {
        InputStream in = Files.newInputStream(path);
        if (path.getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1), 1 << 16);
    }
}
