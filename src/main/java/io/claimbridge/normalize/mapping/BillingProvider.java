package io.claimbridge.normalize.mapping;

/**
 * The billing provider a sender bills under; HL7v2 has no standard field for it, so it is configuration.
 * The address is what the 837 needs in loop 2010AA (a street address, ZIP+4).
 */
public record BillingProvider(String name, String npi, String taxId, Address address) {
    public static final BillingProvider NONE = new BillingProvider(null, null, null, null);

    public BillingProvider(String name, String npi, String taxId) {
        this(name, npi, taxId, null);
    }

    public record Address(String line1, String line2, String city, String state, String postalCode) {
    }
}
