package io.claimbridge.coding.attach;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.claimbridge.coding.codeset.CodeNormalizer;

/**
 * The chargemaster (mappings/chargemaster.csv): charge_code,cpt_or_hcpcs,revenue_code,
 * modifiers (;-separated),unit_price,description. Analysts edit it; bad rows fail the load with
 * the line number rather than being skipped.
 */
public final class Chargemaster {
    private static final String HEADER = "charge_code,cpt_or_hcpcs,revenue_code,modifiers,unit_price,description";

    private final Map<String, ChargemasterEntry> byChargeCode;

    public Chargemaster(Map<String, ChargemasterEntry> byChargeCode) {
        this.byChargeCode = Map.copyOf(byChargeCode);
    }

    public static Chargemaster empty() {
        return new Chargemaster(Map.of());
    }

    public ChargemasterEntry find(String chargeCode) {
        return chargeCode == null ? null : byChargeCode.get(chargeCode.trim().toUpperCase(Locale.ROOT));
    }

    public int size() {
        return byChargeCode.size();
    }

    public static Chargemaster read(Path csv) throws IOException {
        Map<String, ChargemasterEntry> map = new HashMap<>();
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null || !header.replace("\uFEFF", "").trim().equalsIgnoreCase(HEADER)) {
                throw new IOException(csv.getFileName() + ": header must be " + HEADER);
            }
            String line;
            int n = 1;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(",", 6);
                if (f.length < 5) {
                    throw new IOException(csv.getFileName() + ":" + n + ": expected 6 columns");
                }
                String charge = f[0].trim().toUpperCase(Locale.ROOT);
                String code = CodeNormalizer.code(f[1].trim());
                if (charge.isEmpty() || code.length() != 5) {
                    throw new IOException(csv.getFileName() + ":" + n + ": charge code and a 5-character CPT/HCPCS code required");
                }
                List<String> mods = new ArrayList<>();
                for (String m : f[3].split(";")) {
                    if (!m.isBlank()) {
                        mods.add(m.trim().toUpperCase(Locale.ROOT));
                    }
                }
                BigDecimal price;
                try {
                    price = f[4].isBlank() ? null : new BigDecimal(f[4].trim());
                } catch (NumberFormatException e) {
                    throw new IOException(csv.getFileName() + ":" + n + ": bad unit_price '" + f[4] + "'");
                }
                String desc = f.length > 5 ? f[5].trim() : "";
                if (map.put(charge, new ChargemasterEntry(charge, code, f[2].trim(), mods, price, desc)) != null) {
                    throw new IOException(csv.getFileName() + ":" + n + ": duplicate charge code " + charge);
                }
            }
        }
        return new Chargemaster(map);
    }
}
