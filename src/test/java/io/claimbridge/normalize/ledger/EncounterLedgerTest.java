package io.claimbridge.normalize.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Encounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.claimbridge.model.Canonical;
import io.claimbridge.normalize.NormalizedMessage;
import io.claimbridge.normalize.Samples;
import io.claimbridge.normalize.hl7v2.Hl7v2Normalizer;
import io.claimbridge.normalize.mapping.LedgerEvent;
import io.claimbridge.normalize.mapping.MappingLoader;

class EncounterLedgerTest {

    private static final Duration HOLD = Duration.ofDays(3);
    private final EncounterLedger ledger = new EncounterLedger(LedgerPolicy.of(HOLD));
    private static final Instant T0 = Instant.parse("2026-03-10T14:00:00Z");

    /** Applies a sample and round-trips the state through its JSON form, as the store will. */
    private LedgerResult step(LedgerState s, String sample, Instant now) {
        LedgerResult r = ledger.apply(s, Samples.hl7(sample), now);
        LedgerState back = LedgerStateCodec.fromJson(LedgerStateCodec.toJson(r.state()));
        return new LedgerResult(back, r.releases(), r.duplicate());
    }

    @Test
    void admitUpdateChargesDischarge_givesOneClaimWithFinalDiagnosesAndNettedLines() {
        LedgerResult r = step(null, "adt_a01_v23.hl7", T0);
        assertThat(r.state().status()).isEqualTo(LedgerStatus.OPEN);
        assertThat(r.releasable()).isFalse();
        r = step(r.state(), "adt_a08_v251.hl7", T0.plus(Duration.ofDays(1)));
        // the A08's DG1 set replaced the A01's admitting-only set
        assertThat(r.state().encounter().conditions()).hasSize(4);
        assertThat(r.state().encounter().claim().getDiagnosis()).extracting(d -> d.getDiagnosisCodeableConcept().getCodingFirstRep().getCode())
                .containsExactly("I21.4", "E11.65", "I10", "R07.9");
        assertThat(r.state().encounter().claim().getDiagnosisFirstRep().getPackageCode().getCodingFirstRep().getCode()).isEqualTo("280");
        assertThat(r.state().encounter().procedures()).hasSize(1);
        r = step(r.state(), "dft_p03_v251.hl7", T0.plus(Duration.ofDays(2)));
        assertThat(r.state().encounter().claim().getItem()).hasSize(3);
        assertThat(r.releasable()).isFalse();
        r = step(r.state(), "adt_a03_v251.hl7", Instant.parse("2026-03-14T16:00:00Z"));
        assertThat(r.state().status()).isEqualTo(LedgerStatus.DISCHARGED);
        assertThat(r.state().dischargedAt()).isEqualTo(Instant.parse("2026-03-14T15:30:00Z"));
        assertThat(r.releasable()).as("bill hold not over").isFalse();
        assertThat(ledger.evaluate(r.state(), Instant.parse("2026-03-17T15:29:59Z")).releasable()).isFalse();

        LedgerResult due = ledger.evaluate(r.state(), Instant.parse("2026-03-17T15:30:00Z"));
        assertThat(due.releases()).hasSize(1);
        Claim claim = due.releases().get(0).encounter().claim();
        assertThat(claim.getType().getCodingFirstRep().getCode()).isEqualTo("institutional");
        assertThat(claim.getIdentifierFirstRep().getValue()).isEqualTo("A7788990");
        assertThat(claim.getExtensionByUrl(Canonical.EXT_FREQUENCY).getValue().primitiveValue()).isEqualTo("1");
        assertThat(claim.getExtensionByUrl(Canonical.EXT_TYPE_OF_BILL).getValue().primitiveValue()).isEqualTo("0111");
        assertThat(claim.getCreated().toInstant()).isEqualTo(Instant.parse("2026-03-17T15:30:00Z"));
        // final diagnoses from the A03 (replacing the A08 set), DRG from the A03
        assertThat(claim.getDiagnosis()).extracting(d -> d.getDiagnosisCodeableConcept().getCodingFirstRep().getCode())
                .containsExactly("I21.4", "E11.65", "I10", "R07.9", "D64.9");
        assertThat(claim.getDiagnosis().get(0).getType().get(0).getCodingFirstRep().getCode()).isEqualTo("principal");
        assertThat(claim.getDiagnosis().get(0).getOnAdmission().getCodingFirstRep().getCode()).isEqualTo("Y");
        assertThat(claim.getDiagnosis().get(0).getPackageCode().getCodingFirstRep().getCode()).isEqualTo("282");
        // lines: cath, CBC (2 - 1 credit), visit — pointers follow the codes into the final set
        assertThat(claim.getItem()).extracting(i -> i.getProductOrService().getCodingFirstRep().getCode()).containsExactly("93458", "85025", "99223");
        assertThat(claim.getItem().get(1).getQuantity().getValue()).isEqualByComparingTo("1");
        assertThat(claim.getItem().get(1).getNet().getValue()).isEqualByComparingTo("45.00");
        assertThat(pointers(claim, claim.getItem().get(0))).containsExactly("I21.4");
        assertThat(pointers(claim, claim.getItem().get(1))).containsExactly("D64.9");
        assertThat(pointers(claim, claim.getItem().get(2))).containsExactly("I21.4", "E11.65");
        assertThat(claim.getTotal().getValue()).isEqualByComparingTo("2895.00");
        // the A08's IN1 set (Medicare only) replaced the A01's two; the A03 has no IN1 and keeps it
        assertThat(claim.getInsurance()).hasSize(1);
        assertThat(claim.getInsuranceFirstRep().getCoverage().getReference()).isEqualTo(due.releases().get(0).encounter().coverages().get(0).getId());
        assertThat(claim.getInsurer().getReference()).isEqualTo(due.releases().get(0).encounter().coverages().get(0).getPayorFirstRep().getReference());
        assertThat(claim.getBillablePeriod().getEndElement().getValueAsString()).isEqualTo("2026-03-14T10:30:00-05:00");
        assertThat(due.releases().get(0).encounter().encounter().getStatus()).isEqualTo(Encounter.EncounterStatus.FINISHED);

        // released once: nothing more unless something changes
        assertThat(ledger.evaluate(due.state(), Instant.parse("2026-03-30T00:00:00Z")).releasable()).isFalse();
        assertThat(due.state().releases()).hasSize(1);
    }

    @Test
    void cancelAdmitAfterAdmit_neverBills() {
        LedgerResult r = step(null, "adt_a01_v23.hl7", T0);
        r = step(r.state(), "dft_p03_v251.hl7", T0.plusSeconds(60));
        r = step(r.state(), "adt_a11_v251.hl7", T0.plusSeconds(120));
        assertThat(r.state().status()).isEqualTo(LedgerStatus.CANCELLED);
        assertThat(r.state().encounter().encounter().getStatus()).isEqualTo(Encounter.EncounterStatus.CANCELLED);
        assertThat(r.releasable()).isFalse();
        assertThat(ledger.evaluate(r.state(), T0.plus(Duration.ofDays(60))).releasable()).isFalse();
    }

    /** An inpatient stay admitted, charged, discharged and billed once the hold passed. */
    private LedgerResult billedStay() {
        LedgerResult r = step(null, "adt_a01_v23.hl7", T0);
        r = step(r.state(), "dft_p03_v251.hl7", T0.plusSeconds(60));
        r = step(r.state(), "adt_a03_v251.hl7", Instant.parse("2026-03-14T16:00:00Z"));
        return ledger.evaluate(r.state(), Instant.parse("2026-03-18T00:00:00Z"));
    }

    @Test
    void postDischargeCharge_givesReplacementClaim() {
        LedgerResult first = billedStay();
        assertThat(first.releases()).hasSize(1);

        Instant late = Instant.parse("2026-03-20T09:00:00Z");
        LedgerResult r = step(first.state(), "dft_p03_late_v251.hl7", late);
        assertThat(r.releasable()).as("replacement waits for the hold after the change").isFalse();
        assertThat(r.state().status()).isEqualTo(LedgerStatus.DISCHARGED);
        LedgerResult repl = ledger.evaluate(r.state(), late.plus(HOLD));
        assertThat(repl.releases()).hasSize(1);
        Claim c = repl.releases().get(0).encounter().claim();
        assertThat(c.getExtensionByUrl(Canonical.EXT_FREQUENCY).getValue().primitiveValue()).isEqualTo("7");
        assertThat(c.getExtensionByUrl(Canonical.EXT_TYPE_OF_BILL).getValue().primitiveValue()).isEqualTo("0117");
        assertThat(c.getIdentifierFirstRep().getValue()).isEqualTo("A7788990-2");
        assertThat(c.getRelatedFirstRep().getClaim().getIdentifier().getValue()).isEqualTo("A7788990");
        assertThat(c.getItem()).hasSize(4);
        assertThat(c.getTotal().getValue()).isEqualByComparingTo("3875.00");
        assertThat(repl.releases().get(0).record().originalClaimId()).isEqualTo("A7788990");

        // and a cancel after release voids what the payer holds now: the replacement, not the original
        r = step(repl.state(), "adt_a11_v251.hl7", late.plus(Duration.ofDays(4)));
        assertThat(r.releases()).hasSize(1);
        Claim v = r.releases().get(0).encounter().claim();
        assertThat(v.getExtensionByUrl(Canonical.EXT_FREQUENCY).getValue().primitiveValue()).isEqualTo("8");
        assertThat(v.getRelatedFirstRep().getClaim().getIdentifier().getValue()).isEqualTo("A7788990-2");
        assertThat(r.releases().get(0).record().originalClaimId()).isEqualTo("A7788990-2");
        assertThat(v.getStatus()).isEqualTo(Claim.ClaimStatus.CANCELLED);
        assertThat(ledger.evaluate(r.state(), late.plus(Duration.ofDays(30))).releasable()).isFalse();
    }

    @Test
    void aSecondReplacementCorrectsTheFirstReplacementNotTheOriginal() {
        Instant late = Instant.parse("2026-03-20T09:00:00Z");
        LedgerResult r = step(billedStay().state(), "dft_p03_late_v251.hl7", late);
        LedgerResult repl = ledger.evaluate(r.state(), late.plus(HOLD));
        assertThat(repl.releases().get(0).record().claimId()).isEqualTo("A7788990-2");

        // one more late charge (another transaction) after the first replacement went out
        Instant later = late.plus(Duration.ofDays(10));
        String second = Samples.read("dft_p03_late_v251.hl7").replace("GH0007", "GH0008").replace("TX1010", "TX1011")
                .replace("CM93306^ECHO COMPLETE", "CM93000^ECG COMPLETE").replace("|980.00|980.00|", "|75.00|75.00|")
                .replace("93306^^C4", "93000^^C4");
        LedgerResult applied = ledger.apply(repl.state(), Samples.HL7.normalize(second, null), later);
        LedgerResult again = ledger.evaluate(applied.state(), later.plus(HOLD));
        assertThat(again.releases()).hasSize(1);
        ReleaseRecord rec = again.releases().get(0).record();
        assertThat(rec.claimId()).isEqualTo("A7788990-3");
        assertThat(rec.frequency()).isEqualTo(7);
        // REF*F8 must quote the payer's number of the claim it holds now: the first replacement
        assertThat(rec.originalClaimId()).isEqualTo("A7788990-2");
        assertThat(again.releases().get(0).encounter().claim().getRelatedFirstRep().getClaim().getIdentifier().getValue())
                .isEqualTo("A7788990-2");
    }

    @Test
    void chargesBeforeAdmit_areKeptAndMerged() {
        LedgerResult r = step(null, "dft_p03_v251.hl7", T0);
        assertThat(r.state().status()).isEqualTo(LedgerStatus.PENDING);
        assertThat(ledger.evaluate(r.state(), T0.plus(Duration.ofDays(30))).releasable()).as("no ADT yet").isFalse();
        r = step(r.state(), "adt_a01_v23.hl7", T0.plusSeconds(30));
        assertThat(r.state().status()).isEqualTo(LedgerStatus.OPEN);
        Claim c = r.state().encounter().claim();
        assertThat(c.getItem()).hasSize(3);
        assertThat(r.state().encounter().coverages()).hasSize(2);
        assertThat(c.getInsurance()).hasSize(2);
        // A01's admitting diagnosis is the set now; the charges' codes are appended and still pointed at
        assertThat(c.getDiagnosis().get(0).getDiagnosisCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("R07.9");
        assertThat(pointers(c, c.getItem().get(0))).containsExactly("I21.4");
        assertThat(pointers(c, c.getItem().get(1))).containsExactly("D64.9");
        r = step(r.state(), "adt_a03_v251.hl7", Instant.parse("2026-03-14T16:00:00Z"));
        LedgerResult due = ledger.evaluate(r.state(), Instant.parse("2026-03-18T00:00:00Z"));
        assertThat(due.releases()).hasSize(1);
        assertThat(due.releases().get(0).encounter().claim().getTotal().getValue()).isEqualByComparingTo("2895.00");
    }

    @Test
    void reversalInALaterDftNetsOutTheEarlierCharge() {
        LedgerResult r = step(null, "adt_a01_v23.hl7", T0);
        r = step(r.state(), "dft_p03_v251.hl7", T0.plusSeconds(10));
        // a second DFT that only reverses the heart cath (same code, modifier and date; sent as a negative CG)
        String reversal = java.util.Arrays.stream(Samples.read("dft_p03_v251.hl7").split("\n"))
                .filter(l -> !l.startsWith("FT1") || l.startsWith("FT1|1|"))
                .map(l -> l.replace("|GH0003|", "|GH0099|").replace("|||1|2500.00|2500.00|", "|||-1|-2500.00|2500.00|"))
                .reduce("", (a, b) -> a + b + "\n");
        LedgerResult after = ledger.apply(r.state(), Samples.HL7.normalize(reversal, null), T0.plusSeconds(20));
        Claim c = after.state().encounter().claim();
        assertThat(c.getItem()).extracting(i -> i.getProductOrService().getCodingFirstRep().getCode()).containsExactly("85025", "99223");
        assertThat(c.getItem()).extracting(Claim.ItemComponent::getSequence).containsExactly(1, 2);
        assertThat(c.getTotal().getValue()).isEqualByComparingTo("395.00");
        assertThat(pointers(c, c.getItem().get(1))).containsExactly("I21.4", "E11.65");
    }

    @Test
    void duplicateMessageIsAppliedOnce() {
        LedgerResult r = step(null, "adt_a01_v23.hl7", T0);
        r = step(r.state(), "dft_p03_v251.hl7", T0.plusSeconds(10));
        LedgerResult again = step(r.state(), "dft_p03_v251.hl7", T0.plusSeconds(20));
        assertThat(again.duplicate()).isTrue();
        assertThat(again.state().encounter().claim().getItem().get(1).getQuantity().getValue()).isEqualByComparingTo("1");
        assertThat(again.state().encounter().claim().getTotal().getValue()).isEqualByComparingTo("2895.00");
    }

    @Test
    void cancelDischargeReopens() {
        LedgerResult r = step(null, "adt_a01_v23.hl7", T0);
        r = step(r.state(), "dft_p03_v251.hl7", T0.plusSeconds(10));
        r = step(r.state(), "adt_a03_v251.hl7", Instant.parse("2026-03-14T16:00:00Z"));
        r = step(r.state(), "adt_a13_v251.hl7", Instant.parse("2026-03-14T20:00:00Z"));
        assertThat(r.state().status()).isEqualTo(LedgerStatus.OPEN);
        assertThat(r.state().dischargedAt()).isNull();
        assertThat(r.state().encounter().encounter().getPeriod().hasEnd()).isFalse();
        assertThat(ledger.evaluate(r.state(), Instant.parse("2026-04-30T00:00:00Z")).releasable()).isFalse();
    }

    @Test
    void professionalReleasesPerDateOfService() {
        EncounterLedger noHold = new EncounterLedger(LedgerPolicy.of(Duration.ZERO));
        NormalizedMessage a04 = Samples.hl7("acme_east_a04_v251.hl7");
        NormalizedMessage dft = Samples.hl7("acme_east_p03_v251.hl7");
        LedgerResult r = noHold.apply(null, a04, Instant.parse("2026-03-05T15:00:00Z"));
        r = noHold.apply(r.state(), dft, Instant.parse("2026-03-05T17:00:00Z"));
        assertThat(r.releasable()).as("the day is not over").isFalse();
        LedgerResult due = noHold.evaluate(r.state(), Instant.parse("2026-03-06T00:00:00Z"));
        assertThat(due.releases()).hasSize(1);
        Claim c = due.releases().get(0).encounter().claim();
        assertThat(c.getType().getCodingFirstRep().getCode()).isEqualTo("professional");
        assertThat(c.getIdentifierFirstRep().getValue()).isEqualTo("ACME-778812-20260305");
        assertThat(c.getItem()).hasSize(2);
        assertThat(c.getBillablePeriod().getStartElement().getValueAsString()).isEqualTo("2026-03-05");
        assertThat(c.getDiagnosisFirstRep().getDiagnosisCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("J01.90");
        assertThat(pointers(c, c.getItem().get(0))).containsExactly("J01.90");
    }

    @Test
    void aSenderWithoutAdtBillsFromItsDftWhenItMapsP03ToChargeVisit(@TempDir Path tmp) throws IOException {
        Path mappings = tmp.resolve("mappings");
        try (Stream<Path> files = Files.walk(Path.of("mappings"))) {
            for (Path f : files.toList()) {
                Path to = mappings.resolve(Path.of("mappings").relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(to); else Files.copy(f, to);
            }
        }
        Files.writeString(mappings.resolve("senders/ACME_EAST.yaml"), "\nevents:\n  P03: charge-visit\n",
                StandardOpenOption.APPEND);
        Hl7v2Normalizer practiceFeed = new Hl7v2Normalizer(MappingLoader.load(mappings));
        EncounterLedger noHold = new EncounterLedger(LedgerPolicy.of(Duration.ZERO));
        Instant charged = Instant.parse("2026-03-05T17:00:00Z");

        NormalizedMessage dft = practiceFeed.normalize(Samples.read("acme_east_p03_v251.hl7"), null);
        assertThat(dft.event()).isEqualTo(LedgerEvent.CHARGE_VISIT);
        LedgerResult r = noHold.apply(null, dft, charged);
        assertThat(r.state().status()).isEqualTo(LedgerStatus.OPEN);
        LedgerResult due = noHold.evaluate(r.state(), Instant.parse("2026-03-06T00:00:00Z"));
        assertThat(due.releases()).hasSize(1);
        Claim c = due.releases().get(0).encounter().claim();
        assertThat(c.getIdentifierFirstRep().getValue()).isEqualTo("ACME-778812-20260305");
        assertThat(c.getItem()).hasSize(2);
        assertThat(due.releases().get(0).encounter().patient()).isNotNull();

        // the same DFT under the default map (P03: charge) waits for an ADT that never comes
        LedgerResult pending = noHold.apply(null, Samples.hl7("acme_east_p03_v251.hl7"), charged);
        assertThat(pending.state().status()).isEqualTo(LedgerStatus.PENDING);
        assertThat(noHold.evaluate(pending.state(), Instant.parse("2026-04-30T00:00:00Z")).releasable()).isFalse();

        // a second DFT of a visit already named keeps adding lines, it does not re-open anything
        LedgerResult again = noHold.apply(due.state(), practiceFeed.normalize(Samples.read("acme_east_p03_v251.hl7")
                .replace("AE5002", "AE5003"), null), charged.plusSeconds(60));
        assertThat(again.state().status()).isEqualTo(LedgerStatus.OPEN);
    }

    private static List<String> pointers(Claim claim, Claim.ItemComponent it) {
        return it.getDiagnosisSequence().stream().map(p -> claim.getDiagnosis().stream().filter(d -> d.getSequence() == p.getValue())
                .findFirst().orElseThrow().getDiagnosisCodeableConcept().getCodingFirstRep().getCode()).toList();
    }
}
