package io.claimbridge.normalize.hl7v2;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

import io.claimbridge.normalize.mapping.CodeContext;
import io.claimbridge.normalize.mapping.CodeSystems;
import io.claimbridge.normalize.mapping.SenderMapping;

/** CWE/CNE/CE (code ^ text ^ system name ^ alt code ^ alt text ^ alt system) → FHIR codings by the mapping. */
final class V2Codes {

    private final SenderMapping mapping;

    V2Codes(SenderMapping mapping) {
        this.mapping = mapping;
    }

    /** The primary coding, system by name or the sender's default for this context; null if no code. */
    Coding coding(V2Field f, CodeContext ctx) {
        String code = f.c(1);
        if (code == null) {
            return null;
        }
        String sysName = f.c(3);
        String system = sysName != null ? mapping.codeSystems().uriFor(sysName) : mapping.defaultSystem(ctx);
        if (system == null) {
            return null; // caller decides (e.g. a local charge code)
        }
        String[] sc = CodeSystems.canonicalize(system, code);
        return new Coding(sc[0], sc[1], f.c(2));
    }

    /** All codings of a CWE (primary and alternate triplet) with the text. */
    CodeableConcept concept(V2Field f, CodeContext ctx) {
        CodeableConcept cc = new CodeableConcept();
        Coding primary = coding(f, ctx);
        if (primary != null) {
            cc.addCoding(primary);
        }
        String alt = f.c(4);
        String altSystem = alt == null ? null : f.c(6);
        if (alt != null && altSystem != null) {
            String[] sc = CodeSystems.canonicalize(mapping.codeSystems().uriFor(altSystem), alt);
            cc.addCoding(new Coding(sc[0], sc[1], f.c(5)));
        }
        String text = f.c(2);
        if (text != null) {
            cc.setText(text);
        }
        return cc.hasCoding() ? cc : null;
    }
}
