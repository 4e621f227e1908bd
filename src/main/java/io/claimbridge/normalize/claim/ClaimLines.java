package io.claimbridge.normalize.claim;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.Type;

import io.claimbridge.model.Canonical;

/**
 * Claim line arithmetic shared by the HL7v2 mapper and the ledger: netting charges against
 * credits/reversals, and pointers (item.diagnosisSequence / careTeamSequence) that must keep
 * meaning the same code or provider when lines move between claims.
 */
public final class ClaimLines {

    private ClaimLines() {
    }

    /**
     * Nets lines that bill the same thing (codes, modifiers, date, place): quantities and amounts
     * add up (credits are negative), fully reversed lines disappear, sequences are renumbered.
     */
    public static List<Claim.ItemComponent> net(List<Claim.ItemComponent> items) {
        return net(items, true);
    }

    /**
     * {@link #net(List)}; without {@code copy} the first line of each key is kept and added to
     * (for lines nobody else holds: a deep copy re-parses every date and code of a line).
     */
    static List<Claim.ItemComponent> net(List<Claim.ItemComponent> items, boolean copy) {
        Map<String, Claim.ItemComponent> byKey = new LinkedHashMap<>();
        for (Claim.ItemComponent it : items) {
            String key = key(it);
            Claim.ItemComponent acc = byKey.get(key);
            if (acc == null) {
                byKey.put(key, copy ? it.copy() : it);
                continue;
            }
            acc.getQuantity().setValue(qty(acc).add(qty(it)));
            acc.setNet(money(amount(acc).add(amount(it))));
            if (!acc.hasUnitPrice() && it.hasUnitPrice()) {
                acc.setUnitPrice(it.getUnitPrice().copy());
            }
            for (PositiveIntType p : it.getDiagnosisSequence()) {
                if (acc.getDiagnosisSequence().stream().noneMatch(x -> x.getValue().equals(p.getValue()))) {
                    acc.addDiagnosisSequence(p.getValue());
                }
            }
            for (PositiveIntType p : it.getCareTeamSequence()) {
                if (acc.getCareTeamSequence().stream().noneMatch(x -> x.getValue().equals(p.getValue()))) {
                    acc.addCareTeamSequence(p.getValue());
                }
            }
            it.getExtensionsByUrl(Canonical.EXT_SOURCE_TRANSACTION).forEach(e -> acc.addExtension(e.copy()));
        }
        List<Claim.ItemComponent> out = new ArrayList<>();
        for (Claim.ItemComponent it : byKey.values()) {
            if (qty(it).signum() == 0 && amount(it).signum() == 0) {
                continue;
            }
            it.setSequence(out.size() + 1);
            out.add(it);
        }
        return out;
    }

    public static BigDecimal total(List<Claim.ItemComponent> items) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Claim.ItemComponent it : items) {
            sum = sum.add(amount(it));
        }
        return sum;
    }

    public static Money money(BigDecimal v) {
        Money m = new Money();
        m.setValue(v);
        m.setCurrency("USD");
        return m;
    }

    static BigDecimal qty(Claim.ItemComponent it) {
        return it.hasQuantity() && it.getQuantity().hasValue() ? it.getQuantity().getValue() : BigDecimal.ONE;
    }

    static BigDecimal amount(Claim.ItemComponent it) {
        return it.hasNet() && it.getNet().hasValue() ? it.getNet().getValue() : BigDecimal.ZERO;
    }

    private static String key(Claim.ItemComponent it) {
        String codes = codingKey(it.getProductOrService());
        List<CodeableConcept> modifiers = it.getModifier();
        StringBuilder mods = new StringBuilder();
        for (int i = 0; i < modifiers.size(); i++) {
            if (i > 0) mods.append(',');
            mods.append(codingKey(modifiers.get(i)));
        }
        String rev = it.hasRevenue() ? codingKey(it.getRevenue()) : "";
        Type served = it.getServiced();
        String date = served == null ? "" : served.primitiveValue() != null ? served.primitiveValue()
                : it.getServicedPeriod().getStartElement().getValueAsString() + "/" + it.getServicedPeriod().getEndElement().getValueAsString();
        String pos = it.hasLocationCodeableConcept() ? codingKey(it.getLocationCodeableConcept()) : "";
        return codes + "#" + mods + "#" + rev + "#" + date + "#" + pos;
    }

    /** "system|code" of each coding, sorted, joined by ';' (plain loops: a few per charge line). */
    private static String codingKey(CodeableConcept cc) {
        List<Coding> codings = cc.getCoding();
        if (codings.size() == 1) {
            return codings.get(0).getSystem() + "|" + codings.get(0).getCode();
        }
        String[] keys = new String[codings.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = codings.get(i).getSystem() + "|" + codings.get(i).getCode();
        }
        java.util.Arrays.sort(keys);
        return String.join(";", keys);
    }

    // ---- pointers ----------------------------------------------------------------------------

    /** The diagnosis sequence for a code in {@code claim}; appended as a secondary diagnosis if absent. */
    public static int diagnosisSequence(Claim claim, Coding code) {
        for (Claim.DiagnosisComponent d : claim.getDiagnosis()) {
            for (Coding c : d.getDiagnosisCodeableConcept().getCoding()) {
                if (Objects.equals(c.getSystem(), code.getSystem()) && Objects.equals(c.getCode(), code.getCode())) {
                    return d.getSequence();
                }
            }
        }
        Claim.DiagnosisComponent d = claim.addDiagnosis();
        d.setSequence(claim.getDiagnosis().size());
        d.setDiagnosis(new CodeableConcept(code.copy()));
        // A claim needs a principal: the first code of a claim that had none (charges before any DG1) is it.
        boolean hasPrincipal = false;
        for (Claim.DiagnosisComponent x : claim.getDiagnosis()) {
            if (DiagnosisSequencer.hasType(x, "principal")) {
                hasPrincipal = true;
                break;
            }
        }
        d.addType(DiagnosisSequencer.type(hasPrincipal ? "secondary" : "principal"));
        return d.getSequence();
    }

    public static Coding diagnosisCode(Claim claim, int sequence) {
        return claim.getDiagnosis().stream().filter(d -> d.getSequence() == sequence).findFirst()
                .map(d -> d.getDiagnosisCodeableConcept().getCodingFirstRep()).orElse(null);
    }

    /** The careTeam sequence for a provider + detail role; added if absent. */
    public static int careTeamSequence(Claim claim, String practitionerRef, String standardRole, String detailRole) {
        for (Claim.CareTeamComponent ct : claim.getCareTeam()) {
            if (practitionerRef.equals(ct.getProvider().getReference()) && ct.getRole().hasCoding(Canonical.CARE_TEAM_ROLE_DETAIL, detailRole)) {
                return ct.getSequence();
            }
        }
        Claim.CareTeamComponent ct = claim.addCareTeam();
        ct.setSequence(claim.getCareTeam().size());
        ct.getProvider().setReference(practitionerRef);
        ct.setRole(new CodeableConcept().addCoding(new Coding(Canonical.CARE_TEAM_ROLE, standardRole, null))
                .addCoding(new Coding(Canonical.CARE_TEAM_ROLE_DETAIL, detailRole, null)));
        return ct.getSequence();
    }

    /**
     * Copies lines from {@code from} into {@code to}, re-pointing each diagnosis/careTeam pointer to
     * the entry with the same code/provider in {@code to} (added there if missing).
     */
    public static List<Claim.ItemComponent> repoint(Claim from, List<Claim.ItemComponent> items, Claim to) {
        List<Claim.ItemComponent> out = new ArrayList<>();
        for (Claim.ItemComponent it : items) {
            Claim.ItemComponent c = it.copy();
            Set<Integer> dx = new LinkedHashSet<>();
            for (PositiveIntType p : it.getDiagnosisSequence()) {
                Coding code = diagnosisCode(from, p.getValue());
                if (code != null) {
                    dx.add(diagnosisSequence(to, code));
                }
            }
            c.getDiagnosisSequence().clear();
            dx.forEach(c::addDiagnosisSequence);
            Set<Integer> ctSeq = new LinkedHashSet<>();
            for (PositiveIntType p : it.getCareTeamSequence()) {
                from.getCareTeam().stream().filter(ct -> ct.getSequence() == p.getValue()).findFirst().ifPresent(ct -> {
                    String std = ct.getRole().getCoding().stream().filter(x -> Canonical.CARE_TEAM_ROLE.equals(x.getSystem())).map(Coding::getCode).findFirst().orElse("other");
                    String det = ct.getRole().getCoding().stream().filter(x -> Canonical.CARE_TEAM_ROLE_DETAIL.equals(x.getSystem())).map(Coding::getCode).findFirst().orElse("other");
                    ctSeq.add(careTeamSequence(to, ct.getProvider().getReference(), std, det));
                });
            }
            c.getCareTeamSequence().clear();
            ctSeq.forEach(c::addCareTeamSequence);
            out.add(c);
        }
        return out;
    }
}
