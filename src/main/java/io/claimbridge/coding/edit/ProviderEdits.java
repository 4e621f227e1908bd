package io.claimbridge.coding.edit;

import java.util.List;

import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Resource;

import io.claimbridge.model.Canonical;
import io.claimbridge.model.CodedEncounter;

/** NPIs on Practitioner and Organization resources. NPIs are public provider ids, not PHI. */
final class ProviderEdits {

    void check(CodedEncounter ce, List<EditIssue> out) {
        for (var p : ce.practitioners()) {
            check("Practitioner", p, p.getIdentifier(), out);
        }
        for (var o : ce.organizations()) {
            check("Organization", o, o.getIdentifier(), out);
        }
    }

    private static void check(String type, Resource r, List<Identifier> ids, List<EditIssue> out) {
        for (int k = 0; k < ids.size(); k++) {
            Identifier id = ids.get(k);
            if (Canonical.NPI_SYSTEM.equals(id.getSystem()) && !NpiCheck.valid(id.getValue())) {
                out.add(Edit.NPI_INVALID.issue(type + " " + (r.hasId() ? r.getIdElement().getValue() : "(no id)")
                        + " has NPI '" + id.getValue() + "', which is not 10 digits with a valid check digit.",
                        type + ".identifier[" + k + "].value", "NPI (Luhn, prefix 80840)"));
            }
        }
    }
}
