package io.claimbridge.delivery.x12;

import static io.claimbridge.delivery.x12.CanonicalValues.code;
import static io.claimbridge.delivery.x12.CanonicalValues.firstCode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.claimbridge.model.Canonical;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;

/**
 * Reads Claim.item[] into 2400 service lines (SV1 for 837P, SV2 for 837I, each with its REF*6R
 * control number), with the reasons a line cannot be sent: no procedure or revenue code, a local
 * charge code not yet coded, bad modifiers, missing charge, dx pointers that do not resolve.
 */
final class ServiceLineReader {
    static final int MAX_LINES_PROFESSIONAL = 50;
    static final int MAX_LINES_INSTITUTIONAL = 999;
    private static final Pattern HCPCS_CODE = Pattern.compile("[A-Z0-9]{5}");
    private static final Pattern REVENUE_CODE = Pattern.compile("\\d{4}");
    private static final Pattern MODIFIER = Pattern.compile("[A-Z0-9]{2}");

    private final ZoneId zone;

    ServiceLineReader(ZoneId zone) {
        this.zone = zone;
    }

    private LocalDate date(BaseDateTimeType t) {
        return CanonicalValues.date(t, zone);
    }

    List<ClaimFacts.Line> lines(Claim claim, String claimId, X12Format format, String facilityCode,
                                        Map<Integer, Integer> pointerBySequence, LocalDate statementFrom,
                                        LocalDate statementTo, boolean lineDates, List<String> reasons) {
        if (!claim.hasItem()) {
            reasons.add("claim has no items (2400 service lines)");
            return List.of();
        }
        int max = format == X12Format.PROFESSIONAL ? MAX_LINES_PROFESSIONAL : MAX_LINES_INSTITUTIONAL;
        if (claim.getItem().size() > max) {
            reasons.add(claim.getItem().size() + " items exceed the " + max + " service lines per claim");
        }
        List<List<String>> sourceIds = new ArrayList<>(claim.getItem().size());
        for (Claim.ItemComponent item : claim.getItem()) {
            sourceIds.add(sourceTransactions(item));
        }
        List<String> controlNumbers = LineControlNumbers.assign(claimId, sourceIds);
        List<ClaimFacts.Line> lines = new ArrayList<>();
        for (int i = 0; i < claim.getItem().size(); i++) {
            Claim.ItemComponent item = claim.getItem().get(i);
            int seq = item.getSequence();
            String code = null;
            for (Coding c : item.getProductOrService().getCoding()) {
                String system = c.getSystem();
                if ((Canonical.CPT.equals(system) || Canonical.HCPCS.equals(system)) && c.getCode() != null
                        && !c.getCode().isBlank()) {
                    code = c.getCode().trim();
                    break;
                }
            }
            if (code != null && !HCPCS_CODE.matcher(code).matches()) {
                reasons.add("item " + seq + " procedure code " + code + " is not a 5-character CPT/HCPCS code");
            }
            String revenue = code(item.getRevenue(), Canonical.REVENUE_SYSTEM);
            if (format == X12Format.PROFESSIONAL && code == null) {
                reasons.add("item " + seq + " has no CPT/HCPCS code (SV101)" + localOnly(item));
            }
            if (format == X12Format.INSTITUTIONAL) {
                if (revenue == null) {
                    reasons.add("item " + seq + " has no revenue code (SV201)");
                } else if (!REVENUE_CODE.matcher(revenue).matches()) {
                    reasons.add("item " + seq + " revenue code " + revenue + " is not 4 digits");
                }
                if (code == null && hasLocalOnly(item)) {
                    reasons.add("item " + seq + " has only a local charge code, not yet coded");
                }
            }
            List<String> modifiers = new ArrayList<>();
            for (CodeableConcept m : item.getModifier()) {
                String mod = firstCode(m);
                if (mod == null || !MODIFIER.matcher(mod).matches()) {
                    reasons.add("item " + seq + " modifier " + mod + " is not 2 characters");
                } else {
                    modifiers.add(mod);
                }
            }
            if (modifiers.size() > 4) {
                reasons.add("item " + seq + " has more than 4 modifiers");
            }
            if (!modifiers.isEmpty() && code == null) {
                reasons.add("item " + seq + " has modifiers but no procedure code");
            }
            BigDecimal amount = item.hasNet() && item.getNet().hasValue() ? item.getNet().getValue() : null;
            if (amount == null) {
                reasons.add("item " + seq + " has no charge amount (item.net)");
                amount = BigDecimal.ZERO;
            } else if (amount.signum() < 0) {
                reasons.add("item " + seq + " charge amount is negative");
            }
            BigDecimal units = item.hasQuantity() && item.getQuantity().hasValue()
                    ? item.getQuantity().getValue() : BigDecimal.ONE;
            if (units.signum() <= 0) {
                reasons.add("item " + seq + " quantity must be positive");
            }
            String pos = null;
            if (format == X12Format.PROFESSIONAL) {
                String itemPos = code(item.getLocationCodeableConcept(), Canonical.POS_SYSTEM);
                if (itemPos != null && !itemPos.equals(facilityCode)) {
                    pos = itemPos;
                }
            }
            List<Integer> pointers = new ArrayList<>();
            if (format == X12Format.PROFESSIONAL) {
                for (var ds : item.getDiagnosisSequence()) {
                    Integer position = pointerBySequence.get(ds.getValue());
                    if (position == null) {
                        reasons.add("item " + seq + " points at diagnosis " + ds.getValue() + " which is not on the claim");
                    } else if (!pointers.contains(position)) {
                        pointers.add(position);
                    }
                }
                if (pointers.isEmpty()) {
                    reasons.add("item " + seq + " has no diagnosis pointer (item.diagnosisSequence, SV107)");
                } else if (pointers.size() > 4) {
                    reasons.add("item " + seq + " has more than 4 diagnosis pointers");
                }
            }
            LocalDate from = null;
            LocalDate to = null;
            if (item.hasServicedDateType()) {
                from = date(item.getServicedDateType());
                to = from;
            } else if (item.hasServicedPeriod()) {
                from = date(item.getServicedPeriod().getStartElement());
                to = item.getServicedPeriod().hasEnd() ? date(item.getServicedPeriod().getEndElement()) : from;
            }
            if (from == null && lineDates) {
                from = statementFrom;
                to = statementTo;
                if (from == null) {
                    reasons.add("item " + seq + " has no service date (DTP*472)");
                }
            }
            lines.add(new ClaimFacts.Line(revenue, code, modifiers, amount, units, pos, pointers, from, to,
                    controlNumbers.get(i)));
        }
        return lines;
    }

    /** FT1-2 transaction ids the normalizer kept on the item (several when charges were netted). */
    private static List<String> sourceTransactions(Claim.ItemComponent item) {
        List<String> ids = new ArrayList<>(1);
        for (Extension e : item.getExtensionsByUrl(Canonical.EXT_SOURCE_TRANSACTION)) {
            ids.add(e.getValue() == null ? null : e.getValue().primitiveValue());
        }
        return ids;
    }

    private static boolean hasLocalOnly(Claim.ItemComponent item) {
        return item.getProductOrService().getCoding().stream()
                .anyMatch(c -> Canonical.CHARGE_CODE_SYSTEM.equals(c.getSystem()));
    }

    private static String localOnly(Claim.ItemComponent item) {
        return hasLocalOnly(item) ? "; only a local charge code, not yet coded" : "";
    }
}
