package io.claimbridge.normalize.claim;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Practitioner;

/**
 * One charge as sent (an FT1, or a FHIR Claim.item): signed — a credit or reversal has negative
 * quantity and amount, so netting is plain addition.
 *
 * @param product   CPT/HCPCS and/or local charge code codings (at least one)
 * @param diagnoses codes the charge is for (become diagnosisSequence pointers)
 */
public record ChargeLine(
        String transactionId,
        List<Coding> product,
        List<String> modifiers,
        LocalDate from,
        LocalDate to,
        BigDecimal quantity,
        BigDecimal unitPrice,
        BigDecimal amount,
        List<Coding> diagnoses,
        Practitioner performer,
        Practitioner orderer) {

    public ChargeLine {
        product = List.copyOf(product);
        modifiers = List.copyOf(modifiers);
        diagnoses = List.copyOf(diagnoses);
    }
}
