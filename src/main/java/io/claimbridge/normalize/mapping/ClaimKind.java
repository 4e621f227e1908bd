package io.claimbridge.normalize.mapping;

/** Claim.type as used by {@code io.claimbridge.model.Canonical#CLAIM_TYPE}: 837P vs 837I. */
public enum ClaimKind {
    PROFESSIONAL("professional"), INSTITUTIONAL("institutional");

    private final String code;

    ClaimKind(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static ClaimKind fromCode(String code) {
        for (ClaimKind k : values()) {
            if (k.code.equalsIgnoreCase(code)) {
                return k;
            }
        }
        throw new IllegalArgumentException("claim type must be professional or institutional, not '" + code + "'");
    }
}
