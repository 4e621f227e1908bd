package io.claimbridge.coding.codeset;

import java.util.List;

import io.claimbridge.coding.ncci.MueTable;
import io.claimbridge.coding.ncci.PtpTable;

/**
 * Everything the coding engine looks codes up in, loaded once at start-up and read-only after.
 * NCCI tables are null when absent from conformance/ (the edits then report themselves inactive).
 *
 * @param notes what the loader found or could not find, for the start-up log (no PHI)
 */
public record CodeSets(
        IcdCodeSystem icd10cm,
        IcdCodeSystem icd10pcs,
        MceTable mceDiagnoses,
        MceTable mceProcedures,
        MceAgeRanges mceAgeRanges,
        PoaExemptList poaExempt,
        HcpcsCodeSet hcpcs,
        ModifierList modifiers,
        PlaceOfServiceSet placesOfService,
        CptCheck cpt,
        PtpTable ptpPractitioner,
        PtpTable ptpHospital,
        MueTable muePractitioner,
        MueTable mueHospital,
        List<String> notes) {

    public CodeSets {
        notes = List.copyOf(notes);
    }

    public CodeSets withNcci(PtpTable ptpPractitioner, PtpTable ptpHospital, MueTable muePractitioner,
                             MueTable mueHospital) {
        return new CodeSets(icd10cm, icd10pcs, mceDiagnoses, mceProcedures, mceAgeRanges, poaExempt, hcpcs,
                modifiers, placesOfService, cpt, ptpPractitioner, ptpHospital, muePractitioner, mueHospital, notes);
    }
}
