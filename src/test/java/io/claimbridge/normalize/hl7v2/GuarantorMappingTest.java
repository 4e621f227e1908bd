package io.claimbridge.normalize.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Account;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.junit.jupiter.api.Test;

import io.claimbridge.model.Canonical;
import io.claimbridge.model.CodedEncounter;
import io.claimbridge.normalize.FhirR4;
import io.claimbridge.normalize.Samples;

/** GT1 → Account.guarantor, field by field (v2-to-FHIR GT1→Account / RelatedPerson). */
class GuarantorMappingTest {

    private static final String GH = "GENERAL_HOSPITAL";

    @Test
    void selfAndSpouseGuarantors_inPriorityOrder() {
        CodedEncounter ce = Samples.hl7("adt_a01_gt1_v23.hl7").encounter();
        assertThat(ce.accounts()).hasSize(1);
        Account a = ce.accounts().get(0);
        assertThat(a.getStatus()).isEqualTo(Account.AccountStatus.ACTIVE);
        assertThat(a.getSubjectFirstRep().getReference()).isEqualTo(ce.patient().getId());
        assertThat(a.getIdentifierFirstRep().getSystem()).isEqualTo(Canonical.ACCOUNT_SYSTEM_PREFIX + GH);
        assertThat(a.getIdentifierFirstRep().getValue()).isEqualTo("A7788990");
        assertThat(ce.all()).contains(a);

        // GT1-15: the self guarantor (priority 1, second segment) comes first.
        assertThat(a.getGuarantor()).hasSize(2);
        Account.GuarantorComponent self = a.getGuarantor().get(0);
        assertThat(self.getParty().getReference()).isEqualTo(ce.patient().getId());
        assertThat(self.hasPeriod()).isFalse();
        assertThat(self.hasOnHold()).isFalse();

        Account.GuarantorComponent spouse = a.getGuarantor().get(1);
        assertThat(spouse.getParty().getReference()).isEqualTo("#guarantor-1");
        RelatedPerson rp = (RelatedPerson) a.getContained().stream().filter(r -> "guarantor-1".equals(r.getIdPart())).findFirst().orElseThrow();
        assertThat(rp.getPatient().getReference()).isEqualTo(ce.patient().getId());
        assertThat(rp.getNameFirstRep().getFamily()).isEqualTo("EVERYMAN");                       // GT1-3
        assertThat(rp.getNameFirstRep().getGivenAsSingleString()).isEqualTo("EVE E");
        assertThat(rp.getAddressFirstRep().getLine()).extracting(Object::toString).containsExactly("2222 HOME STREET"); // GT1-5
        assertThat(rp.getAddressFirstRep().getCity()).isEqualTo("GREENSBORO");
        assertThat(rp.getAddressFirstRep().getPostalCode()).isEqualTo("27401-1020");
        assertThat(rp.getTelecomFirstRep().getValue()).isEqualTo("5555552004");                    // GT1-6
        assertThat(rp.getBirthDateElement().getValueAsString()).isEqualTo("1963-03-04");          // GT1-8
        assertThat(rp.getGender()).isEqualTo(Enumerations.AdministrativeGender.FEMALE);           // GT1-9
        assertThat(rp.getRelationshipFirstRep().getCodingFirstRep().getSystem()).isEqualTo(Canonical.V2_RELATIONSHIP); // GT1-11
        assertThat(rp.getRelationshipFirstRep().getCodingFirstRep().getCode()).isEqualTo("SPO");
        // the self guarantor is the Patient, not a second person
        assertThat(a.getContained()).hasSize(1);
    }

    @Test
    void organizationGuarantor_fromGt1_21() {
        CodedEncounter ce = Samples.hl7("adt_a08_gt1_v251.hl7").encounter();
        Account a = ce.accounts().get(0);
        assertThat(a.getGuarantor()).singleElement().satisfies(g -> assertThat(g.getParty().getReference()).isEqualTo("#guarantor-1"));
        Organization o = (Organization) a.getContained().get(0);
        assertThat(o.getName()).isEqualTo("ACME FURNITURE");
        assertThat(o.getAddressFirstRep().getCity()).isEqualTo("GREENSBORO");
    }

    @Test
    void noGt1_noAccount() {
        assertThat(Samples.hl7("adt_a01_v23.hl7").encounter().accounts()).isEmpty();
    }

    @Test
    void accountRoundTripsThroughTheBundleAndJson() {
        CodedEncounter ce = Samples.hl7("adt_a01_gt1_v23.hl7").encounter();
        String json = FhirR4.json().encodeResourceToString(ce.toBundle());
        CodedEncounter back = CodedEncounter.fromBundle(FhirR4.json().parseResource(Bundle.class, json));
        assertThat(back.accounts()).hasSize(1);
        Account a = back.accounts().get(0);
        assertThat(a.getIdElement().getValue()).isEqualTo(ce.accounts().get(0).getIdElement().getValue());
        assertThat(a.getGuarantor()).extracting(g -> g.getParty().getReference())
                .containsExactly(ce.patient().getId(), "#guarantor-1");
        assertThat(a.getContained()).singleElement().isInstanceOf(RelatedPerson.class);
        assertThat(FhirR4.json().encodeResourceToString(back.toBundle())).isEqualTo(json);
    }
}
