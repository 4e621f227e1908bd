package io.claimbridge.normalize.mapping;

/**
 * What one PV1-2 patient class means for billing: the v3 ActCode encounter class, which claim
 * form, the type-of-bill prefix (facility + classification, without frequency digit) and the
 * CMS place-of-service code for professional lines.
 */
public record PatientClassRule(String encounterClass, ClaimKind claimType, String typeOfBill, String placeOfService) {
}
