package io.claimbridge.delivery.x12;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import io.claimbridge.model.Canonical;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;

/**
 * How the claim readers take values out of the canonical FHIR model: codes by system,
 * identifiers by system, dates in the facility's zone, and the X12-carriable check for ids.
 */
final class CanonicalValues {
    private CanonicalValues() {
    }

    static LocalDate date(BaseDateTimeType t, ZoneId zone) {
        if (t == null || t.getValue() == null) {
            return null;
        }
        if (t.getPrecision().compareTo(TemporalPrecisionEnum.DAY) <= 0 || t.getTimeZone() == null) {
            return LocalDate.of(t.getYear(), t.getMonth() + 1, t.getDay());
        }
        return t.getValue().toInstant().atZone(zone).toLocalDate();
    }

    static LocalDateTime localDateTime(BaseDateTimeType t, ZoneId zone) {
        if (t == null || t.getValue() == null) {
            return null;
        }
        if (t.getPrecision().compareTo(TemporalPrecisionEnum.DAY) <= 0) {
            return LocalDate.of(t.getYear(), t.getMonth() + 1, t.getDay()).atStartOfDay();
        }
        return t.getValue().toInstant().atZone(zone).toLocalDateTime();
    }

    static String identifier(List<Identifier> ids, String system) {
        for (Identifier id : ids) {
            // getValue()/getCode() null checks, not hasValue()/hasCode(): HAPI's has* walk
            // Element.isEmpty and were a quarter of render time in a JFR profile.
            String value = id.getValue();
            if (value != null && !value.isBlank() && system.equals(id.getSystem())) {
                return value.trim();
            }
        }
        return null;
    }

    static String code(CodeableConcept cc, String system) {
        if (cc == null) {
            return null;
        }
        for (Coding c : cc.getCoding()) {
            String code = c.getCode();
            if (code != null && !code.isBlank() && (system == null || system.equals(c.getSystem()))) {
                return code.trim();
            }
        }
        return null;
    }

    static String firstCode(CodeableConcept cc) {
        return code(cc, null);
    }

    /**
     * Identifiers must round-trip exactly (they are matched against 999/277CA responses), so one
     * holding an X12 delimiter is rejected rather than silently changed.
     */
    static void requireIdCharacters(String id, String what, List<String> reasons) {
        if (!Canonical.isX12Carriable(id)) {
            reasons.add(what + " contains a character X12 cannot carry (delimiter or non-ASCII)");
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
