package io.claimbridge.delivery.x12;

/** The two 837 implementation guides claimbridge renders; each needs its own functional group (GS08). */
public enum X12Format {
    /** 837 Professional, 005010X222A1. */
    PROFESSIONAL("005010X222A1", "B"),
    /** 837 Institutional, 005010X223A2. */
    INSTITUTIONAL("005010X223A2", "A");

    private final String version;
    private final String facilityQualifier;

    X12Format(String version, String facilityQualifier) {
        this.version = version;
        this.facilityQualifier = facilityQualifier;
    }

    /** GS08 / ST03 implementation convention reference. */
    public String version() {
        return version;
    }

    /** CLM05-2: B = place of service code (837P), A = uniform billing facility type (837I). */
    public String facilityQualifier() {
        return facilityQualifier;
    }
}
