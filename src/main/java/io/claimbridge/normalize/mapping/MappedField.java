package io.claimbridge.normalize.mapping;

import java.util.Arrays;
import java.util.Optional;

/**
 * The facts whose HL7v2 position an analyst may move per sender ({@code fields:} in a mapping file).
 * Segments that repeat per fact (DG1, PR1, FT1, IN1, ROL/PRT) are read in a fixed way and are not listed.
 */
public enum MappedField {
    VISIT_NUMBER("visitNumber"),
    ACCOUNT_NUMBER("accountNumber"),
    PATIENT_CLASS("patientClass"),
    ADMIT_TYPE("admitType"),
    ADMIT_SOURCE("admitSource"),
    ADMIT_DATETIME("admitDateTime"),
    DISCHARGE_DATETIME("dischargeDateTime"),
    DISCHARGE_DISPOSITION("dischargeDisposition"),
    HOSPITAL_SERVICE("hospitalService"),
    /** XCN fields: the path names the field; id, name and id type are read from its components. */
    ATTENDING_DOCTOR("attendingDoctor"),
    REFERRING_DOCTOR("referringDoctor"),
    ADMITTING_DOCTOR("admittingDoctor"),
    /** A plain NPI somewhere else (typically a Z-segment); wins over the id in attendingDoctor. */
    ATTENDING_NPI("attendingNpi"),
    ADMIT_REASON("admitReason"),
    DRG("drg"),
    /** Billing provider NPI when the sender transmits it (else {@code billingProvider.npi} in defaults). */
    BILLING_NPI("billingNpi");

    private final String key;

    MappedField(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<MappedField> byKey(String key) {
        return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
    }
}
