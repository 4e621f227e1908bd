package io.claimbridge.coding.ncci;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.claimbridge.coding.codeset.CodeIndex;

/**
 * NCCI Medically Unlikely Edits (practitioner, outpatient hospital or DME table): HCPCS/CPT code,
 * MUE value (max units), MUE Adjudication Indicator (1 = line edit, 2 = date-of-service edit:
 * policy, 3 = date-of-service edit: clinical) and rationale.
 */
public final class MueTable {

    public record Limit(String code, int maxUnits, int adjudicationIndicator, String rationale) {
    }

    private final String version;
    private final CodeIndex codes;
    private final int[] values;
    private final byte[] mai;
    private final String[] rationale;

    private MueTable(String version, CodeIndex codes, int[] values, byte[] mai, String[] rationale) {
        this.version = version;
        this.codes = codes;
        this.values = values;
        this.mai = mai;
        this.rationale = rationale;
    }

    public String version() {
        return version;
    }

    public int size() {
        return codes.size();
    }

    /** The limit for the code, or null when the table has none. */
    public Limit find(String code) {
        int o = codes.indexOf(code);
        return o < 0 ? null : new Limit(code, values[o], mai[o], rationale[o]);
    }

    /**
     * Reads CMS MUE files: code, MUE value, "n Text" adjudication indicator, rationale; title,
     * copyright and header lines are skipped by shape. A later file overrides an earlier one.
     */
    public static MueTable read(String version, List<Path> files) throws IOException {
        CodeIndex codes = new CodeIndex(16_000);
        int[][] vals = {new int[16_000]};
        byte[][] mais = {new byte[16_000]};
        String[][] why = {new String[16_000]};
        CodeIndex rationales = new CodeIndex(64);
        String[][] rNames = {new String[64]};
        for (Path p : files) {
            CmsTableRows.read(p, f -> {
                if (f.length < 3) {
                    return;
                }
                String code = f[0].trim().toUpperCase(Locale.ROOT);
                String value = f[1].trim();
                String ind = f[2].trim();
                if (!CmsTableRows.isCode(code) || !CmsTableRows.isDigits(value, 1, 6) || ind.isEmpty()
                        || "123".indexOf(ind.charAt(0)) < 0) {
                    return;
                }
                int o = codes.add(code);
                if (o >= vals[0].length) {
                    int cap = vals[0].length * 2;
                    vals[0] = Arrays.copyOf(vals[0], cap);
                    mais[0] = Arrays.copyOf(mais[0], cap);
                    why[0] = Arrays.copyOf(why[0], cap);
                }
                vals[0][o] = Integer.parseInt(value);
                mais[0][o] = (byte) (ind.charAt(0) - '0');
                String text = f.length > 3 ? f[3].trim() : "";
                int r = rationales.add(text);
                if (r >= rNames[0].length) {
                    rNames[0] = Arrays.copyOf(rNames[0], rNames[0].length * 2);
                }
                rNames[0][r] = text;
                why[0][o] = rNames[0][r];
            });
        }
        int n = codes.size();
        return new MueTable(version, codes, Arrays.copyOf(vals[0], n), Arrays.copyOf(mais[0], n),
                Arrays.copyOf(why[0], n));
    }
}
