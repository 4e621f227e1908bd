package io.claimbridge.normalize.mapping;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.claimbridge.model.Canonical;

/**
 * HL7 coding-system names (table 0396: I10, I10P, C4, HCPCS, ...) → code-system URIs, from
 * {@code mappings/code-systems.yaml} plus a sender's {@code codeSystemAliases}.
 */
public final class CodeSystems {

    private static final Pattern HCPCS_LEVEL2 = Pattern.compile("[A-V]\\d{4}");
    private static final Pattern CPT_SHAPE = Pattern.compile("\\d{4}[0-9FTU]");
    private static final Pattern ICD10CM_UNDOTTED = Pattern.compile("[A-Z]\\d[0-9A-Z][0-9A-Z]{1,4}");

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
            if (HCPCS_LEVEL2.matcher(u).matches()) {
                return new String[] {Canonical.HCPCS, u};
            }
            if (CPT_SHAPE.matcher(u).matches()) {
                return new String[] {Canonical.CPT, u};
            }
            return new String[] {system, u};
        }
        if (Canonical.ICD10CM.equals(system)) {
            String u = c.toUpperCase(Locale.ROOT);
            if (u.indexOf('.') < 0 && ICD10CM_UNDOTTED.matcher(u).matches()) {
                u = u.substring(0, 3) + "." + u.substring(3);
            }
            return new String[] {system, u};
        }
        if (Canonical.ICD10PCS.equals(system)) {
            return new String[] {system, c.toUpperCase(Locale.ROOT).replace(".", "")};
        }
        return new String[] {system, c};
    }
}
