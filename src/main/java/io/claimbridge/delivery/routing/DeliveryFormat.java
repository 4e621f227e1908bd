package io.claimbridge.delivery.routing;

import io.claimbridge.delivery.x12.X12Format;

/** What a destination receives. Spelled in routing files as 837P, 837I, AUTO, FHIR_CLAIM. */
public enum DeliveryFormat {
    X837P("837P"),
    X837I("837I"),
    /** 837P or 837I by claim type (professional / institutional). */
    AUTO("AUTO"),
    /** FHIR R4 Claim resources. */
    FHIR_CLAIM("FHIR_CLAIM");

    private final String spelling;

    DeliveryFormat(String spelling) {
        this.spelling = spelling;
    }

    public String spelling() {
        return spelling;
    }

    public boolean isX12() {
        return this != FHIR_CLAIM;
    }

    /** The format to force on the 837 writer, or null to follow each claim's type (AUTO). */
    public X12Format x12Format() {
        return switch (this) {
            case X837P -> X12Format.PROFESSIONAL;
            case X837I -> X12Format.INSTITUTIONAL;
            default -> null;
        };
    }

    static DeliveryFormat parse(String s) {
        for (DeliveryFormat f : values()) {
            if (f.spelling.equalsIgnoreCase(s)) {
                return f;
            }
        }
        return null;
    }
}
