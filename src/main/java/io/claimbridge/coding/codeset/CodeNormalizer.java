package io.claimbridge.coding.codeset;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import io.claimbridge.model.Canonical;

/**
 * Normalises code values and code-system names as senders send them: "j18.9 " → "J189",
 * HL7v2 coding-system mnemonics (I10, I10C, ICD10, I9, C4, HCPCS…) and OIDs → canonical URIs.
 */
public final class CodeNormalizer {
    public static final String ICD9CM = "http://hl7.org/fhir/sid/icd-9-cm";

    private static final Map<String, String> SYSTEMS = new HashMap<>();

    static {
        for (String a : new String[] {"I10", "I10C", "ICD10", "ICD-10", "ICD10CM", "ICD-10-CM", "ICD10-CM",
                "2.16.840.1.113883.6.90", "URN:OID:2.16.840.1.113883.6.90", "ABK", "ABF", "ABJ", "APR", "BK"}) {
            SYSTEMS.put(a, Canonical.ICD10CM);
        }
        for (String a : new String[] {"I10P", "ICD10PCS", "ICD-10-PCS", "2.16.840.1.113883.6.4",
                "URN:OID:2.16.840.1.113883.6.4", "BBR"}) {
            SYSTEMS.put(a, Canonical.ICD10PCS);
        }
        for (String a : new String[] {"I9", "I9C", "I9CDX", "ICD9", "ICD-9", "ICD9CM", "ICD-9-CM",
                "2.16.840.1.113883.6.103", "URN:OID:2.16.840.1.113883.6.103"}) {
            SYSTEMS.put(a, ICD9CM);
        }
        for (String a : new String[] {"C4", "C5", "CPT", "CPT4", "CPT-4", "2.16.840.1.113883.6.12",
                "URN:OID:2.16.840.1.113883.6.12", "HTTP://WWW.AMA-ASSN.ORG/GO/CPT"}) {
            SYSTEMS.put(a, Canonical.CPT);
        }
        for (String a : new String[] {"HCPCS", "HCPCS-II", "HCPCSII", "HCPT", "2.16.840.1.113883.6.285",
                "URN:OID:2.16.840.1.113883.6.285", "HC"}) {
            SYSTEMS.put(a, Canonical.HCPCS);
        }
        for (String s : new String[] {Canonical.ICD10CM, Canonical.ICD10PCS, Canonical.CPT, Canonical.HCPCS, ICD9CM,
                Canonical.CHARGE_CODE_SYSTEM, Canonical.MODIFIER_SYSTEM, Canonical.POS_SYSTEM}) {
            SYSTEMS.put(s.toUpperCase(Locale.ROOT), s);
            SYSTEMS.put(s, s); // exact canonical URIs are the common case: one cached-hash lookup
        }
        SYSTEMS.put("HTTP://HL7.ORG/FHIR/SID/ICD-10", Canonical.ICD10CM);
    }

    private CodeNormalizer() {
    }

    /** Upper-case, no dots, no whitespace; null stays null. */
    public static String code(String raw) {
        if (raw == null) {
            return null;
        }
        boolean clean = true;
        for (int i = 0; i < raw.length() && clean; i++) {
            char c = raw.charAt(i);
            clean = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }
        if (clean) {
            return raw; // the common case on the hot path: no allocation
        }
        StringBuilder sb = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '.' && !Character.isWhitespace(c)) {
                sb.append(Character.toUpperCase(c));
            }
        }
        return sb.toString();
    }

    /** Canonical URI for a system alias, the input itself when unknown, null for null. */
    public static String system(String raw) {
        if (raw == null) {
            return null;
        }
        String s = SYSTEMS.get(raw);
        if (s != null) {
            return s;
        }
        String mapped = SYSTEMS.get(raw.trim().toUpperCase(Locale.ROOT));
        return mapped != null ? mapped : raw;
    }
}
