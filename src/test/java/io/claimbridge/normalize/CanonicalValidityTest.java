package io.claimbridge.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import io.claimbridge.normalize.ledger.EncounterLedger;
import io.claimbridge.normalize.ledger.LedgerPolicy;
import io.claimbridge.normalize.ledger.LedgerResult;

/** What normalize produces is valid FHIR R4 (base structure definitions; terminology not checked). */
class CanonicalValidityTest {

    static FhirValidator validator;

    @BeforeAll
    static void init() {
        var ctx = FhirR4.context();
        var chain = new ValidationSupportChain(new DefaultProfileValidationSupport(ctx),
                new InMemoryTerminologyServerValidationSupport(ctx), new CommonCodeSystemsTerminologyService(ctx));
        FhirInstanceValidator module = new FhirInstanceValidator(chain);
        module.setNoTerminologyChecks(true);
        validator = ctx.newValidator().registerValidatorModule(module);
    }

    static List<String> errors(Bundle b) {
        return validator.validateWithResult(b).getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .map(m -> m.getLocationString() + " " + m.getMessage()).toList();
    }

    @Test
    void admitAndUpdateBundlesAreValidR4() {
        assertThat(errors(Samples.hl7("adt_a08_v251.hl7").encounter().toBundle())).isEmpty();
        assertThat(errors(Samples.hl7("adt_a01_v28.hl7").encounter().toBundle())).isEmpty();
    }

    @Test
    void guarantorAccountsAreValidR4() {
        // self + contained RelatedPerson guarantor; contained Organization guarantor
        assertThat(errors(Samples.hl7("adt_a01_gt1_v23.hl7").encounter().toBundle())).isEmpty();
        assertThat(errors(Samples.hl7("adt_a08_gt1_v251.hl7").encounter().toBundle())).isEmpty();
    }

    @Test
    void fhirInboundBundleIsValidR4() throws Exception {
        String json = new String(CanonicalValidityTest.class.getResourceAsStream("/fhir/encounter_transaction_bundle.json").readAllBytes());
        var ce = new io.claimbridge.normalize.fhir.FhirInboundNormalizer(Samples.MAPPINGS).normalize(json, "GENERAL_HOSPITAL").encounter();
        assertThat(errors(ce.toBundle())).isEmpty();
    }

    @Test
    void releasedClaimIsValidR4() {
        EncounterLedger ledger = new EncounterLedger(LedgerPolicy.of(Duration.ZERO));
        Instant t = Instant.parse("2026-03-20T00:00:00Z");
        LedgerResult r = ledger.apply(null, Samples.hl7("adt_a01_v23.hl7"), t);
        r = ledger.apply(r.state(), Samples.hl7("dft_p03_v251.hl7"), t);
        r = ledger.apply(r.state(), Samples.hl7("adt_a03_v251.hl7"), t);
        assertThat(r.releases()).hasSize(1);
        assertThat(errors(r.releases().get(0).encounter().toBundle())).isEmpty();
    }

    @Test
    void chargesWithoutInsuranceAreFlaggedByR4Itself() {
        // A DFT alone carries no IN1: the draft Claim lacks insurance (1..1 in R4). Normalize does not
        // invent coverage; the ledger fills it from the ADT, and coding holds a claim that still has none.
        assertThat(errors(Samples.hl7("dft_p03_v251.hl7").encounter().toBundle())).singleElement().asString().contains("Claim.insurance");
    }
}
