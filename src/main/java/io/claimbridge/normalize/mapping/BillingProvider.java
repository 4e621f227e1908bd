package io.claimbridge.normalize.mapping;

/** The billing provider a sender bills under; HL7v2 has no standard field for it, so it is configuration. */
public record BillingProvider(String name, String npi, String taxId) {
    public static final BillingProvider NONE = new BillingProvider(null, null, null);
}
