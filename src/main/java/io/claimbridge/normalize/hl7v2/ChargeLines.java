package io.claimbridge.normalize.hl7v2;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Practitioner;

import io.claimbridge.model.Canonical;
import io.claimbridge.normalize.claim.ChargeLine;
import io.claimbridge.normalize.claim.ClaimDraft;
import io.claimbridge.normalize.mapping.CodeContext;

/**
 * FT1 → signed {@link ChargeLine}s (claimbridge's own map; the v2-to-FHIR IG has none for FT1):
 * FT1-2 transaction id, FT1-4 date (range), FT1-6 type (CG charge, CD credit; PY/AJ/CO are payments
 * and adjustments, not claim lines), FT1-7 charge code, FT1-10 quantity, FT1-11 extended / FT1-12
 * unit amount, FT1-19 diagnoses, FT1-20 performed by, FT1-21 ordered by, FT1-25 procedure code,
 * FT1-26 modifiers.
 */
final class ChargeLines {

    private static final Set<String> CREDIT = Set.of("CD", "CR", "RV", "REV");
    private static final Set<String> NOT_BILLED = Set.of("PY", "AJ", "CO");

    private final V2Message msg;
    private final V2Codes codes;
    private final V2People people;
    private final ClaimDraft draft;

    ChargeLines(V2Message msg, V2Codes codes, V2People people, ClaimDraft draft) {
        this.msg = msg;
        this.codes = codes;
        this.people = people;
        this.draft = draft;
    }

    void addAll() {
        for (V2Segment ft1 : msg.all("FT1")) {
            ChargeLine line = line(ft1);
            if (line != null) {
                draft.add(line);
            }
        }
    }

    private ChargeLine line(V2Segment ft1) {
        String type = upper(V2Message.get(ft1, 6, 0, 1, 1));
        if (type != null && NOT_BILLED.contains(type)) {
            return null;
        }
        String setId = V2Message.get(ft1, 1, 0, 1, 1);
        List<Coding> product = new ArrayList<>();
        Coding proc = codes.coding(V2Message.field(ft1, 25), CodeContext.PROCEDURE);
        Coding charge = codes.coding(V2Message.field(ft1, 7), CodeContext.CHARGE);
        String chargeCode = V2Message.get(ft1, 7, 0, 1, 1);
        if (proc != null && isBillingCode(proc)) {
            product.add(proc);
        }
        if (charge != null && isBillingCode(charge)) {
            boolean listed = false;
            for (Coding c : product) {
                if (c.getCode().equals(charge.getCode())) {
                    listed = true;
                    break;
                }
            }
            if (!listed) product.add(charge);
        } else if (chargeCode != null) {
            // An uncoded chargemaster item: the coding stage looks it up.
            product.add(new Coding(Canonical.CHARGE_CODE_SYSTEM, chargeCode, V2Message.get(ft1, 7, 0, 2, 1)));
        }
        if (product.isEmpty()) {
            throw new Hl7v2Exception("FT1-7/FT1-25 has no charge or procedure code (FT1 set id " + setId + ")");
        }
        List<String> modifiers = new ArrayList<>();
        for (V2Field m : V2Message.fields(ft1, 26)) {
            if (m.c(1) != null) modifiers.add(m.c(1).toUpperCase(Locale.ROOT));
        }
        LocalDate from = V2Time.localDate(V2Message.get(ft1, 4, 0, 1, 1));
        LocalDate to = V2Time.localDate(V2Message.get(ft1, 4, 0, 2, 1));
        if (from == null) {
            from = V2Time.localDate(V2Message.get(ft1, 5, 0, 1, 1)); // posting date as last resort
        }
        BigDecimal qty = Hl7v2Normalizer.decimal(V2Message.get(ft1, 10, 0, 1, 1));
        if (qty == null) qty = BigDecimal.ONE;
        BigDecimal unit = Hl7v2Normalizer.decimal(V2Message.get(ft1, 12, 0, 1, 1));
        BigDecimal amount = Hl7v2Normalizer.decimal(V2Message.get(ft1, 11, 0, 1, 1));
        if (amount == null && unit != null) amount = unit.multiply(qty.abs());
        if (amount == null) amount = BigDecimal.ZERO;
        // Credits may be sent with positive numbers (type says credit) or as a negative CG (reversal).
        boolean credit = (type != null && CREDIT.contains(type)) || qty.signum() < 0 || amount.signum() < 0;
        if (credit) {
            qty = qty.abs().negate();
            amount = amount.abs().negate();
        }
        List<Coding> dx = new ArrayList<>();
        for (V2Field d : V2Message.fields(ft1, 19)) {
            Coding c = codes.coding(d, CodeContext.DIAGNOSIS);
            if (c != null) dx.add(c);
        }
        Practitioner performer = firstPractitioner(ft1, 20);
        Practitioner orderer = firstPractitioner(ft1, 21);
        String txn = V2Message.get(ft1, 2, 0, 1, 1);
        return new ChargeLine(txn, product, modifiers, from, to, qty, unit, amount, dx, performer, orderer);
    }

    private Practitioner firstPractitioner(V2Segment ft1, int field) {
        for (V2Field x : V2Message.fields(ft1, field)) {
            Practitioner p = people.practitioner(x);
            if (p != null) return p;
        }
        return null;
    }

    private static boolean isBillingCode(Coding c) {
        return Canonical.CPT.equals(c.getSystem()) || Canonical.HCPCS.equals(c.getSystem());
    }

    private static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }
}
