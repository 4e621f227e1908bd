package io.claimbridge.normalize.mapping;

import java.util.Arrays;
import java.util.Optional;

/**
 * The facts whose HL7v2 position an analyst may move per sender ({@code fields:} in a mapping file).
 * Segments that repeat per fact (DG1, PR1, FT1, IN1, ROL/PRT) are read in a fixed way and are not
 * listed, except fields of such a segment named here with that segment ({@link #perSegment()}).
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
    BILLING_NPI("billingNpi"),
    /** XAD field of each IN1 (its own insurance company's address) → the payer Organization's address. */
    PAYER_ADDRESS("payerAddress", "IN1");

    private final String key;
    private final String perSegment;

    MappedField(String key) {
        this(key, null);
    }

    MappedField(String key, String perSegment) {
        this.key = key;
        this.perSegment = perSegment;
    }

    public String key() {
        return key;
    }

    /**
     * The repeating segment this field is read from, once per occurrence (its path must name that
     * segment); null for fields read from the first occurrence of whatever segment the path names.
     */
    public String perSegment() {
        return perSegment;
    }

    public static Optional<MappedField> byKey(String key) {
        return Arrays.stream(values()).filter(f -> f.key.equals(key)).findFirst();
    }
}
