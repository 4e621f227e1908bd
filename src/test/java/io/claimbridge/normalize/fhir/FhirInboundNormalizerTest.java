package io.claimbridge.normalize.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

import io.claimbridge.model.Canonical;
import io.claimbridge.model.CodedEncounter;
import io.claimbridge.normalize.FhirR4;
import io.claimbridge.normalize.NormalizedMessage;
import io.claimbridge.normalize.Samples;
import io.claimbridge.normalize.mapping.LedgerEvent;

class FhirInboundNormalizerTest {

    private final FhirInboundNormalizer fhir = new FhirInboundNormalizer(Samples.MAPPINGS);

    static String read(String name) throws IOException {
        try (var in = FhirInboundNormalizerTest.class.getResourceAsStream("/fhir/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void transactionBundle() throws IOException {
        NormalizedMessage m = fhir.normalize(read("encounter_transaction_bundle.json"), "GENERAL_HOSPITAL");
        CodedEncounter ce = m.encounter();
        assertThat(m.event()).isEqualTo(LedgerEvent.DISCHARGE);
        assertThat(m.visitNumber()).isEqualTo("HSP-88001");
        assertThat(m.controlId()).isEqualTo("Bundle/tx-7001");
        assertThat(ce.patient().getIdentifier()).anySatisfy(i -> {
            assertThat(i.getSystem()).isEqualTo(Canonical.MRN_SYSTEM_PREFIX + "GENERAL_HOSPITAL");
            assertThat(i.getValue()).isEqualTo("E7001");
        });
        assertThat(ce.encounter().getIdentifier()).anySatisfy(i -> assertThat(i.getSystem()).isEqualTo(Canonical.VISIT_SYSTEM_PREFIX + "GENERAL_HOSPITAL"));
        // same deterministic ids as the HL7v2 path would give this patient/visit
        assertThat(ce.encounter().getSubject().getReference()).isEqualTo(ce.patient().getId());
        assertThat(ce.conditions()).allSatisfy(c -> assertThat(c.getSubject().getReference()).isEqualTo(ce.patient().getId()));
        assertThat(ce.conditions().get(0).getCode().getCodingFirstRep().getCode()).isEqualTo("K35.80");

        Claim claim = ce.claim();
        assertThat(claim.getType().getCodingFirstRep().getCode()).isEqualTo("institutional");
        assertThat(claim.getDiagnosis()).extracting(d -> d.getDiagnosisCodeableConcept().getCodingFirstRep().getCode()).containsExactly("K35.80", "R10.31");
        assertThat(claim.getDiagnosis().get(0).getType().get(0).getCodingFirstRep().getCode()).isEqualTo("principal");
        assertThat(claim.getDiagnosis().get(1).getType().get(0).getCodingFirstRep().getCode()).isEqualTo("admitting");
        assertThat(claim.getProcedureFirstRep().getProcedureCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("0DTJ4ZZ");
        assertThat(claim.getInsuranceFirstRep().getCoverage().getReference()).isEqualTo(ce.coverages().get(0).getId());
        assertThat(claim.getInsurer().getReference()).isEqualTo(ce.coverages().get(0).getPayorFirstRep().getReference());
        Practitioner att = (Practitioner) ce.all().stream().filter(r -> r.getIdElement().getValue().equals(claim.getCareTeamFirstRep().getProvider().getReference())).findFirst().orElseThrow();
        assertThat(att.getIdentifierFirstRep().getValue()).isEqualTo("1928374655");
        // every reference resolves inside the canonical bundle
        Bundle b = ce.toBundle();
        var ids = b.getEntry().stream().map(Bundle.BundleEntryComponent::getFullUrl).toList();
        assertThat(FhirR4.json().encodeResourceToString(b)).doesNotContain("0f4a1c5e-1111");
        assertThat(ids).contains(ce.encounter().getServiceProvider().getReference());
    }

    @Test
    void xmlWorksToo() throws IOException {
        Resource parsed = (Resource) FhirR4.json().parseResource(read("encounter_transaction_bundle.json"));
        String xml = FhirR4.context().newXmlParser().encodeResourceToString(parsed);
        assertThat(fhir.normalize(xml, "GENERAL_HOSPITAL").visitNumber()).isEqualTo("HSP-88001");
    }

    @Test
    void claimWithContainedPatient() throws IOException {
        NormalizedMessage m = fhir.normalize(read("professional_claim.json"), "ACME_EAST");
        assertThat(m.event()).isEqualTo(LedgerEvent.CHARGE);
        assertThat(m.visitNumber()).isEqualTo("OV-5501");
        assertThat(m.encounter().patient().getNameFirstRep().getFamily()).isEqualTo("Nguyen");
        Claim c = m.encounter().claim();
        assertThat(c.getPatient().getReference()).isEqualTo(m.encounter().patient().getId());
        assertThat(c.getDiagnosisFirstRep().getDiagnosisCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("J01.90");
        assertThat(c.getItemFirstRep().getNet().getValue()).isEqualByComparingTo("145.00");
        assertThat(m.encounter().encounter().getClass_().getCode()).isEqualTo("AMB");
    }

    @Test
    void missingPartsNameTheElement() throws IOException {
        assertThatThrownBy(() -> fhir.normalize(read("encounter_without_patient.json"), "X"))
                .isInstanceOf(FhirInputException.class).hasMessageStartingWith("Encounter.subject:")
                .extracting(e -> ((FhirInputException) e).element()).isEqualTo("Encounter.subject");
        assertThatThrownBy(() -> fhir.normalize("{\"resourceType\":\"Patient\"}", "X")).hasMessageStartingWith("Patient: needs an Encounter or a Claim");
        assertThatThrownBy(() -> fhir.normalize("{\"resourceType\":\"Bundle\",\"type\":\"searchset\"}", "X")).hasMessageStartingWith("Bundle.type:");
        assertThatThrownBy(() -> fhir.normalize("{not json", "X")).isInstanceOf(FhirInputException.class);
        String noVisit = read("encounter_transaction_bundle.json").replace("\"value\": \"HSP-88001\"", "\"id\": \"x\"");
        assertThatThrownBy(() -> fhir.normalize(noVisit, "X")).hasMessageStartingWith("Encounter.identifier:");
    }

    @Test
    void accountWithRelatedPersonGuarantorPassesThrough_guarantorContained() throws IOException {
        Bundle in = FhirR4.json().parseResource(Bundle.class, read("encounter_transaction_bundle.json"));
        String patientUrl = in.getEntry().stream().filter(e -> e.getResource() instanceof org.hl7.fhir.r4.model.Patient)
                .findFirst().orElseThrow().getFullUrl();
        org.hl7.fhir.r4.model.RelatedPerson rp = new org.hl7.fhir.r4.model.RelatedPerson();
        rp.setPatient(new org.hl7.fhir.r4.model.Reference(patientUrl));
        rp.addName().setFamily("GUARANTOR").addGiven("GAIL");
        rp.addRelationship().addCoding().setSystem(Canonical.V2_RELATIONSHIP).setCode("PAR");
        String rpUrl = "urn:uuid:6f1d7a52-2c0e-4d3e-9a55-0b3c1f0e9a11";
        in.addEntry().setFullUrl(rpUrl).setResource(rp);
        org.hl7.fhir.r4.model.Account acct = new org.hl7.fhir.r4.model.Account();
        acct.setStatus(org.hl7.fhir.r4.model.Account.AccountStatus.ACTIVE);
        acct.addSubject(new org.hl7.fhir.r4.model.Reference(patientUrl));
        acct.addGuarantor().setParty(new org.hl7.fhir.r4.model.Reference(rpUrl));
        acct.addGuarantor().setParty(new org.hl7.fhir.r4.model.Reference(patientUrl));
        in.addEntry().setFullUrl("urn:uuid:0c9e4b1a-7d2f-4b8e-8f61-5a2d9e3c7b20").setResource(acct);

        CodedEncounter ce = fhir.normalize(FhirR4.json().encodeResourceToString(in), "GENERAL_HOSPITAL").encounter();
        assertThat(ce.accounts()).hasSize(1);
        org.hl7.fhir.r4.model.Account a = ce.accounts().get(0);
        assertThat(a.getSubjectFirstRep().getReference()).isEqualTo(ce.patient().getId());
        assertThat(a.getGuarantor()).extracting(g -> g.getParty().getReference()).containsExactly("#guarantor-1", ce.patient().getId());
        org.hl7.fhir.r4.model.RelatedPerson c = (org.hl7.fhir.r4.model.RelatedPerson) a.getContained().get(0);
        assertThat(c.getNameFirstRep().getFamily()).isEqualTo("GUARANTOR");
        assertThat(c.getPatient().getReference()).isEqualTo(ce.patient().getId());
        // the RelatedPerson is not a top-level canonical resource
        assertThat(ce.all()).noneMatch(r -> r instanceof org.hl7.fhir.r4.model.RelatedPerson);
        assertThat(CodedEncounter.fromBundle(ce.toBundle()).accounts()).hasSize(1);
    }
}
