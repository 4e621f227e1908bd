package io.claimbridge.normalize.mapping;

import java.util.Locale;
import java.util.Map;

import io.claimbridge.model.Canonical;

/**
 * HL7 coding-system names (table 0396: I10, I10P, C4, HCPCS, ...) → code-system URIs, from
 * {@code mappings/code-systems.yaml} plus a sender's {@code codeSystemAliases}.
 */
public final class CodeSystems {

    private final Map<String, String> aliases;
    private final String localPrefix;

    public CodeSystems(Map<String, String> aliases, String sender) {
        this.aliases = Map.copyOf(aliases);
        this.localPrefix = "http://claimbridge.io/fhir/sid/local/" + sender + "/";
    }

    public Map<String, String> aliases() {
        return aliases;
    }

    /** The URI for a coding-system name; an unknown name is a sender-local system (never dropped). */
    public String uriFor(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String uri = aliases.get(name.trim().toUpperCase(Locale.ROOT));
        return uri != null ? uri : localPrefix + name.trim();
    }

    /**
     * Code systems and code spellings senders mix up: CPT vs HCPCS level II are told apart by
     * the code's shape (CMS calls CPT "HCPCS level I", senders label both ways), and ICD-10-CM is
     * written dotted, as the FHIR icd-10-cm system spells it.
     */
    public static String[] canonicalize(String system, String code) {
        String c = code.trim();
        if (Canonical.CPT.equals(system) || Canonical.HCPCS.equals(system)) {
            String u = c.toUpperCase(Locale.ROOT);
            if (isHcpcsLevel2(u)) {
                return new String[] {Canonical.HCPCS, u};
            }
            if (isCptShape(u)) {
                return new String[] {Canonical.CPT, u};
            }
            return new String[] {system, u};
        }
        if (Canonical.ICD10CM.equals(system)) {
            String u = c.toUpperCase(Locale.ROOT);
            if (u.indexOf('.') < 0 && isIcd10cmUndotted(u)) {
                u = u.substring(0, 3) + "." + u.substring(3);
            }
            return new String[] {system, u};
        }
        if (Canonical.ICD10PCS.equals(system)) {
            return new String[] {system, c.toUpperCase(Locale.ROOT).replace(".", "")};
        }
        return new String[] {system, c};
    }

    // Code shapes by hand (ASCII only, as the regexes \d and [A-Z] they replaced): checked for
    // every code of every message.

    /** [A-V]\d{4} */
    static boolean isHcpcsLevel2(String u) {
        return u.length() == 5 && between(u.charAt(0), 'A', 'V') && digits(u, 1, 5);
    }

    /** \d{4}[0-9FTU] */
    static boolean isCptShape(String u) {
        if (u.length() != 5 || !digits(u, 0, 4)) {
            return false;
        }
        char last = u.charAt(4);
        return between(last, '0', '9') || last == 'F' || last == 'T' || last == 'U';
    }

    /** [A-Z]\d[0-9A-Z][0-9A-Z]{1,4} */
    static boolean isIcd10cmUndotted(String u) {
        if (u.length() < 4 || u.length() > 7 || !between(u.charAt(0), 'A', 'Z') || !digits(u, 1, 2)) {
            return false;
        }
        for (int i = 2; i < u.length(); i++) {
            if (!between(u.charAt(i), '0', '9') && !between(u.charAt(i), 'A', 'Z')) {
                return false;
            }
        }
        return true;
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!between(s.charAt(i), '0', '9')) {
                return false;
            }
        }
        return true;
    }

    private static boolean between(char c, char lo, char hi) {
        return c >= lo && c <= hi;
    }
}
