package io.claimbridge.normalize.mapping;

import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;

/**
 * The effective mapping for one sender: {@code mappings/default.yaml} with the sender's file laid
 * over it. Immutable; built once at start by {@link MappingLoader}.
 */
public record SenderMapping(
        String sender,
        Map<MappedField, FieldPath> fields,
        Map<String, Map<MappedField, FieldPath>> structureFields,
        ZoneId timeZone,
        ClaimKind defaultClaimType,
        PatientClassRule defaultPatientClass,
        Map<String, PatientClassRule> patientClasses,
        Map<CodeContext, String> defaultCodingSystems,
        BillingProvider billingProvider,
        Map<String, LedgerEvent> events,
        CodeSystems codeSystems) {

    public SenderMapping {
        fields = Map.copyOf(fields);
        structureFields = Map.copyOf(structureFields);
        patientClasses = Map.copyOf(patientClasses);
        defaultCodingSystems = Map.copyOf(defaultCodingSystems);
        events = Map.copyOf(events);
    }

    public Optional<FieldPath> path(MappedField f) {
        return Optional.ofNullable(fields.get(f));
    }

    /** This mapping as it applies to one message structure (its {@code structures:} entries laid over {@code fields}). */
    public SenderMapping forStructure(String structure) {
        Map<MappedField, FieldPath> over = structure == null ? null : structureFields.get(structure);
        if (over == null || over.isEmpty()) {
            return this;
        }
        Map<MappedField, FieldPath> merged = new java.util.EnumMap<>(MappedField.class);
        merged.putAll(fields);
        merged.putAll(over);
        return new SenderMapping(sender, merged, structureFields, timeZone, defaultClaimType, defaultPatientClass, patientClasses,
                defaultCodingSystems, billingProvider, events, codeSystems);
    }

    /** Rule for a PV1-2 value; unknown or empty class falls back to the default rule. */
    public PatientClassRule patientClass(String pv1_2) {
        if (pv1_2 == null) {
            return defaultPatientClass;
        }
        return patientClasses.getOrDefault(pv1_2.trim().toUpperCase(), defaultPatientClass);
    }

    /** The URI used for a code that arrived without coding-system name, or null (then: local code). */
    public String defaultSystem(CodeContext ctx) {
        return codeSystems.uriFor(defaultCodingSystems.get(ctx));
    }
}
