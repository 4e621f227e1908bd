package io.claimbridge.normalize.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;

import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Procedure;
import org.junit.jupiter.api.Test;

import io.claimbridge.model.Canonical;
import io.claimbridge.model.CodedEncounter;
import io.claimbridge.normalize.NormalizedMessage;
import io.claimbridge.normalize.Samples;
import io.claimbridge.normalize.mapping.LedgerEvent;

class Hl7v2NormalizerTest {

    private static final String GH = "GENERAL_HOSPITAL";

    @Test
    void adtA01_v23_inpatientAdmit() {
        NormalizedMessage m = Samples.hl7("adt_a01_v23.hl7");
        CodedEncounter ce = m.encounter();
        assertThat(m.sender()).isEqualTo(GH);
        assertThat(m.event()).isEqualTo(LedgerEvent.ADMIT);
        assertThat(m.trigger()).isEqualTo("A01");
        assertThat(m.controlId()).isEqualTo("GH0001");
        assertThat(m.visitNumber()).isEqualTo("V100234");

        var p = ce.patient();
        Identifier mrn = p.getIdentifier().get(0);
        assertThat(mrn.getSystem()).isEqualTo(Canonical.MRN_SYSTEM_PREFIX + GH);
        assertThat(mrn.getValue()).isEqualTo("555444");
        assertThat(mrn.getType().getCodingFirstRep().getCode()).isEqualTo("MR");
        assertThat(p.getIdentifier()).anySatisfy(i -> {
            assertThat(i.getSystem()).isEqualTo("http://hl7.org/fhir/sid/us-ssn");
            assertThat(i.getValue()).isEqualTo("123456789");
        });
        assertThat(p.getNameFirstRep().getFamily()).isEqualTo("EVERYMAN");
        assertThat(p.getNameFirstRep().getGivenAsSingleString()).isEqualTo("ADAM A");
        assertThat(p.getNameFirstRep().getSuffixAsSingleString()).isEqualTo("III");
        assertThat(p.getBirthDateElement().getValueAsString()).isEqualTo("1961-06-15");
        assertThat(p.getGender()).isEqualTo(Enumerations.AdministrativeGender.MALE);
        assertThat(p.getAddressFirstRep().getCity()).isEqualTo("GREENSBORO");
        assertThat(p.getAddressFirstRep().getPostalCode()).isEqualTo("27401-1020");
        assertThat(p.getGeneralPractitionerFirstRep().getReference()).isNotNull();

        Encounter e = ce.encounter();
        assertThat(e.getIdentifier().get(0).getSystem()).isEqualTo(Canonical.VISIT_SYSTEM_PREFIX + GH);
        assertThat(e.getIdentifier().get(0).getValue()).isEqualTo("V100234");
        assertThat(e.getIdentifier().get(1).getSystem()).isEqualTo(Canonical.ACCOUNT_SYSTEM_PREFIX + GH);
        assertThat(e.getIdentifier().get(1).getValue()).isEqualTo("A7788990");
        assertThat(e.getClass_().getCode()).isEqualTo("IMP");
        assertThat(e.getStatus()).isEqualTo(Encounter.EncounterStatus.INPROGRESS);
        // 08:00 in the sender's zone (America/Chicago, CDT since 2026-03-08)
        assertThat(e.getPeriod().getStartElement().getValueAsString()).isEqualTo("2026-03-10T08:00:00-05:00");
        assertThat(e.getPeriod().hasEnd()).isFalse();
        assertThat(e.getPriority().getCodingFirstRep().getSystem()).isEqualTo(Canonical.NUBC_ADMIT_TYPE);
        assertThat(e.getPriority().getCodingFirstRep().getCode()).isEqualTo("1");
        assertThat(e.getHospitalization().getAdmitSource().getCodingFirstRep().getCode()).isEqualTo("7");
        assertThat(e.getReasonCodeFirstRep().getCodingFirstRep().getCode()).isEqualTo("R07.9");
        Practitioner att = Samples.byId(ce, participant(e, "ATND"), Practitioner.class);
        assertThat(att.getIdentifierFirstRep().getSystem()).isEqualTo(Canonical.NPI_SYSTEM);
        assertThat(att.getIdentifierFirstRep().getValue()).isEqualTo("1928374655");
        assertThat(att.getNameFirstRep().getFamily()).isEqualTo("SMITH");
        assertThat(participant(e, "REF")).isNotNull();
        assertThat(participant(e, "ADM")).isEqualTo(att.getId());
        assertThat(e.getServiceProvider().getReference()).isEqualTo(ce.organizations().get(0).getId());

        // billing provider from senders/GENERAL_HOSPITAL.yaml
        Organization billing = ce.organizations().get(0);
        assertThat(billing.getName()).isEqualTo("General Hospital");
        assertThat(billing.getIdentifier()).extracting(Identifier::getSystem, Identifier::getValue)
                .contains(org.assertj.core.groups.Tuple.tuple(Canonical.NPI_SYSTEM, "1538193743"), org.assertj.core.groups.Tuple.tuple(Canonical.TAX_ID_SYSTEM, "987654321"));

        // IN1 x2 (+IN2) in COB order
        assertThat(ce.coverages()).hasSize(2);
        Coverage primary = ce.coverages().get(0);
        assertThat(primary.getOrder()).isEqualTo(1);
        assertThat(primary.getSubscriberId()).isEqualTo("1EG4TE5MK73");
        assertThat(primary.getRelationship().getCodingFirstRep().getCode()).isEqualTo("self");
        assertThat(primary.getSubscriber().getReference()).isEqualTo(p.getId());
        assertThat(p.getIdentifier()).anySatisfy(i -> {
            assertThat(i.getSystem()).isEqualTo(Canonical.MEMBER_ID_SYSTEM_PREFIX + "SMNC0");
            assertThat(i.getValue()).isEqualTo("1EG4TE5MK73");
            assertThat(i.getType().getCodingFirstRep().getCode()).isEqualTo("MB");
        });
        assertThat(primary.getIdentifierFirstRep().getSystem()).isEqualTo("http://hl7.org/fhir/sid/us-mbi");
        assertThat(primary.getPeriod().getStartElement().getValueAsString()).isEqualTo("2026-01-01");
        Organization medicare = Samples.byId(ce, primary.getPayorFirstRep().getReference(), Organization.class);
        assertThat(medicare.getIdentifierFirstRep().getSystem()).isEqualTo(Canonical.PAYER_ID_SYSTEM);
        assertThat(medicare.getIdentifierFirstRep().getValue()).isEqualTo("SMNC0");
        Coverage secondary = ce.coverages().get(1);
        assertThat(secondary.getOrder()).isEqualTo(2);
        assertThat(secondary.getClass_()).anySatisfy(c -> {
            assertThat(c.getType().getCodingFirstRep().getCode()).isEqualTo("group");
            assertThat(c.getValue()).isEqualTo("G99001");
        });

        Claim claim = ce.claim();
        assertThat(claim.getType().getCodingFirstRep().getSystem()).isEqualTo(Canonical.CLAIM_TYPE);
        assertThat(claim.getType().getCodingFirstRep().getCode()).isEqualTo("institutional");
        assertThat(claim.getExtensionByUrl(Canonical.EXT_TYPE_OF_BILL).getValue().primitiveValue()).isEqualTo("0111");
        assertThat(claim.getExtensionByUrl(Canonical.EXT_FREQUENCY).getValue().primitiveValue()).isEqualTo("1");
        assertThat(claim.getIdentifierFirstRep().getValue()).isEqualTo("A7788990");
        assertThat(claim.getPatient().getReference()).isEqualTo(ce.patient().getId());
        assertThat(claim.getProvider().getReference()).isEqualTo(billing.getId());
        assertThat(claim.getInsurer().getReference()).isEqualTo(medicare.getId());
        assertThat(claim.getInsurance()).hasSize(2);
        assertThat(claim.getInsurance().get(0).getFocal()).isTrue();
        assertThat(claim.getInsurance().get(0).getCoverage().getReference()).isEqualTo(primary.getId());
        assertThat(claim.getDiagnosis()).hasSize(1);
        Claim.DiagnosisComponent dx = claim.getDiagnosisFirstRep();
        assertThat(code(dx.getDiagnosisCodeableConcept().getCodingFirstRep())).isEqualTo(Canonical.ICD10CM + "|R07.9");
        assertThat(types(dx)).containsExactly("principal", "admitting");
        assertThat(claim.getCareTeamFirstRep().getProvider().getReference()).isEqualTo(att.getId());
        assertThat(claim.getCareTeamFirstRep().getRole().hasCoding(Canonical.CARE_TEAM_ROLE_DETAIL, "attending")).isTrue();
        assertThat(claim.getBillablePeriod().getStartElement().getValueAsString()).isEqualTo("2026-03-10T08:00:00-05:00");
        assertThat(claim.getItem()).isEmpty();
    }

    @Test
    void adtA08_v251_fullDiagnosisSetPoaDrgAndProcedure() {
        NormalizedMessage m = Samples.hl7("adt_a08_v251.hl7");
        CodedEncounter ce = m.encounter();
        assertThat(m.event()).isEqualTo(LedgerEvent.UPDATE);
        assertThat(m.hasDiagnoses()).isTrue();
        assertThat(ce.conditions()).hasSize(4);
        Condition nstemi = ce.conditions().get(1);
        assertThat(code(nstemi.getCode().getCodingFirstRep())).isEqualTo(Canonical.ICD10CM + "|I21.4");
        assertThat(nstemi.getOnsetDateTimeType().getValueAsString()).isEqualTo("2026-03-11T09:00:00-05:00");
        assertThat(nstemi.getEncounter().getReference()).isEqualTo(ce.encounter().getId());
        // E1165 was sent undotted: written the FHIR icd-10-cm way
        assertThat(ce.conditions().get(2).getCode().getCodingFirstRep().getCode()).isEqualTo("E11.65");

        List<Claim.DiagnosisComponent> dx = ce.claim().getDiagnosis();
        assertThat(dx).extracting(d -> d.getDiagnosisCodeableConcept().getCodingFirstRep().getCode())
                .containsExactly("I21.4", "E11.65", "I10", "R07.9");
        assertThat(dx).extracting(Claim.DiagnosisComponent::getSequence).containsExactly(1, 2, 3, 4);
        assertThat(types(dx.get(0))).containsExactly("principal");
        assertThat(types(dx.get(1))).containsExactly("secondary");
        assertThat(types(dx.get(3))).containsExactly("admitting");
        assertThat(dx.get(0).getOnAdmission().getCodingFirstRep().getSystem()).isEqualTo(Canonical.POA_SYSTEM);
        assertThat(dx.get(0).getOnAdmission().getCodingFirstRep().getCode()).isEqualTo("Y");
        assertThat(dx.get(0).getPackageCode().getCodingFirstRep().getSystem()).isEqualTo(Canonical.MS_DRG_SYSTEM);
        assertThat(dx.get(0).getPackageCode().getCodingFirstRep().getCode()).isEqualTo("280");
        // Encounter.diagnosis: use + rank
        assertThat(ce.encounter().getDiagnosis().get(1).getRank()).isEqualTo(1);
        assertThat(ce.encounter().getDiagnosis().get(0).getUse().getCodingFirstRep().getCode()).isEqualTo("AD");

        Procedure pr = ce.procedures().get(0);
        assertThat(code(pr.getCode().getCodingFirstRep())).isEqualTo(Canonical.ICD10PCS + "|4A023N7");
        assertThat(pr.getPerformedDateTimeType().getValueAsString()).isEqualTo("2026-03-11T09:30:00-05:00");
        Claim.ProcedureComponent cp = ce.claim().getProcedureFirstRep();
        assertThat(cp.getSequence()).isEqualTo(1);
        assertThat(code(cp.getProcedureCodeableConcept().getCodingFirstRep())).isEqualTo(Canonical.ICD10PCS + "|4A023N7");
        assertThat(cp.getDate()).isEqualTo(pr.getPerformedDateTimeType().getValue());
        Practitioner surgeon = Samples.byId(ce, pr.getPerformerFirstRep().getActor().getReference(), Practitioner.class);
        assertThat(surgeon.getIdentifierFirstRep().getValue()).isEqualTo("1456789019");
        assertThat(ce.claim().getCareTeam()).anySatisfy(ct -> {
            assertThat(ct.getProvider().getReference()).isEqualTo(surgeon.getId());
            assertThat(ct.getRole().hasCoding(Canonical.CARE_TEAM_ROLE_DETAIL, "operating")).isTrue();
        });
    }

    @Test
    void dftP03_chargesCreditsAndPointers() {
        NormalizedMessage m = Samples.hl7("dft_p03_v251.hl7");
        Claim claim = m.encounter().claim();
        assertThat(m.event()).isEqualTo(LedgerEvent.CHARGE);
        assertThat(m.hasDiagnoses()).isFalse();
        // 4 FT1 charges/credit + 1 payment → CBC charge(2) and credit(1) net to one line; PY is not billed
        assertThat(claim.getItem()).hasSize(3);
        Claim.ItemComponent cath = claim.getItem().get(0);
        assertThat(cath.getSequence()).isEqualTo(1);
        assertThat(cath.getProductOrService().getCoding()).extracting(this::code)
                .containsExactly(Canonical.CPT + "|93458", Canonical.CHARGE_CODE_SYSTEM + "|CM93458");
        assertThat(cath.getModifierFirstRep().getCodingFirstRep().getSystem()).isEqualTo(Canonical.MODIFIER_SYSTEM);
        assertThat(cath.getModifierFirstRep().getCodingFirstRep().getCode()).isEqualTo("26");
        assertThat(cath.getServicedDateType().getValueAsString()).isEqualTo("2026-03-11");
        assertThat(cath.getQuantity().getValue()).isEqualByComparingTo("1");
        assertThat(cath.getNet().getValue()).isEqualByComparingTo("2500.00");
        assertThat(cath.getNet().getCurrency()).isEqualTo("USD");
        assertThat(cath.getLocationCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("21");

        Claim.ItemComponent cbc = claim.getItem().get(1);
        assertThat(cbc.getProductOrService().getCodingFirstRep().getCode()).isEqualTo("85025");
        assertThat(cbc.getQuantity().getValue()).isEqualByComparingTo("1");
        assertThat(cbc.getNet().getValue()).isEqualByComparingTo("45.00");
        assertThat(cbc.getUnitPrice().getValue()).isEqualByComparingTo("45.00");
        assertThat(cbc.getExtensionsByUrl(Canonical.EXT_SOURCE_TRANSACTION)).extracting(x -> x.getValue().primitiveValue())
                .containsExactly("TX1002", "TX1004");

        Claim.ItemComponent visit = claim.getItem().get(2);
        assertThat(visit.getServicedDateType().getValueAsString()).isEqualTo("2026-03-12");
        assertThat(claim.getTotal().getValue()).isEqualByComparingTo(new BigDecimal("2895.00"));

        // FT1-19 → diagnosisSequence: the first code becomes principal when no DG1 came
        assertThat(dxCodes(claim, cath)).containsExactly("I21.4");
        assertThat(dxCodes(claim, cbc)).containsExactly("D64.9");
        assertThat(dxCodes(claim, visit)).containsExactly("I21.4", "E11.65");
        assertThat(types(claim.getDiagnosisFirstRep())).containsExactly("principal");
        // FT1-20 performing → rendering care team member the line points at; FT1-21 → ordering
        Claim.CareTeamComponent rendering = claim.getCareTeam().stream().filter(ct -> ct.getSequence() == cath.getCareTeamSequence().get(0).getValue()).findFirst().orElseThrow();
        assertThat(rendering.getRole().hasCoding(Canonical.CARE_TEAM_ROLE_DETAIL, "rendering")).isTrue();
        assertThat(Samples.byId(m.encounter(), rendering.getProvider().getReference(), Practitioner.class).getIdentifierFirstRep().getValue()).isEqualTo("1456789019");
        assertThat(claim.getCareTeam()).anySatisfy(ct -> assertThat(ct.getRole().hasCoding(Canonical.CARE_TEAM_ROLE_DETAIL, "ordering")).isTrue());
        // billable period = encounter period (admit only)
        assertThat(claim.getBillablePeriod().getStartElement().getValueAsString()).startsWith("2026-03-10");
    }

    @Test
    void adtA01_v28_prtParticipationsExplicitOffsetAndI10C() {
        NormalizedMessage m = Samples.hl7("adt_a01_v28.hl7");
        CodedEncounter ce = m.encounter();
        assertThat(m.visitNumber()).isEqualTo("V200777");
        assertThat(ce.patient().getBirthDateElement().getValueAsString()).isEqualTo("1980-02-29");
        assertThat(ce.patient().getGender()).isEqualTo(Enumerations.AdministrativeGender.FEMALE);
        assertThat(ce.encounter().getPeriod().getStartElement().getValueAsString()).isEqualTo("2026-04-01T11:30:00-05:00");
        Practitioner att = Samples.byId(ce, participant(ce.encounter(), "ATND"), Practitioner.class);
        assertThat(att.getIdentifierFirstRep().getValue()).isEqualTo("1928374655");
        Practitioner ref = Samples.byId(ce, participant(ce.encounter(), "REF"), Practitioner.class);
        assertThat(ref.getIdentifierFirstRep().getValue()).isEqualTo("1678901236");
        assertThat(code(ce.conditions().get(0).getCode().getCodingFirstRep())).isEqualTo(Canonical.ICD10CM + "|O80");
        assertThat(ce.claim().getCareTeam()).extracting(ct -> ct.getRole().getCoding().get(1).getCode()).containsExactly("attending", "referring");
        Coverage dep = ce.coverages().get(0);
        assertThat(dep.getSubscriberId()).isEqualTo("XYZ123456789");
        // the insured is the spouse: subscriber as contained RelatedPerson (837 loop 2010BA facts)
        assertThat(dep.getRelationship().getCodingFirstRep().getCode()).isEqualTo("spouse");
        assertThat(dep.getSubscriber().getReference()).isEqualTo("#subscriber");
        var sub = (org.hl7.fhir.r4.model.RelatedPerson) dep.getContained().get(0);
        assertThat(sub.getNameFirstRep().getFamily()).isEqualTo("DOE");
        assertThat(sub.getNameFirstRep().getGivenAsSingleString()).isEqualTo("JOHN R");
        assertThat(sub.getBirthDateElement().getValueAsString()).isEqualTo("1978-04-12");
        assertThat(sub.getGender()).isEqualTo(Enumerations.AdministrativeGender.MALE);
        assertThat(sub.getAddressFirstRep().getCity()).isEqualTo("SPRINGFIELD");
        assertThat(ce.patient().getIdentifier()).as("member id of someone else is not the patient's").hasSize(1);
        // 2026-04-01 is the UTC message date: the MSH-7 offset is kept, not re-zoned
        assertThat(m.messageTime().toString()).isEqualTo("2026-04-01T17:00:00Z");
    }

    @Test
    void adtA03_dischargeAndA11Cancel() {
        NormalizedMessage a03 = Samples.hl7("adt_a03_v251.hl7");
        assertThat(a03.event()).isEqualTo(LedgerEvent.DISCHARGE);
        Encounter e = a03.encounter().encounter();
        assertThat(e.getStatus()).isEqualTo(Encounter.EncounterStatus.FINISHED);
        assertThat(e.getPeriod().getEndElement().getValueAsString()).isEqualTo("2026-03-14T10:30:00-05:00");
        assertThat(e.getHospitalization().getDischargeDisposition().getCodingFirstRep().getSystem()).isEqualTo(Canonical.NUBC_DISCHARGE_STATUS);
        assertThat(e.getHospitalization().getDischargeDisposition().getCodingFirstRep().getCode()).isEqualTo("01");
        assertThat(a03.encounter().claim().getDiagnosisFirstRep().getPackageCode().getCodingFirstRep().getCode()).isEqualTo("282");
        assertThat(a03.encounter().claim().getBillablePeriod().getEndElement().getValueAsString()).isEqualTo("2026-03-14T10:30:00-05:00");

        NormalizedMessage a11 = Samples.hl7("adt_a11_v251.hl7");
        assertThat(a11.event()).isEqualTo(LedgerEvent.CANCEL_ADMIT);
        assertThat(a11.encounter().encounter().getStatus()).isEqualTo(Encounter.EncounterStatus.CANCELLED);
        assertThat(Samples.hl7("adt_a13_v251.hl7").event()).isEqualTo(LedgerEvent.CANCEL_DISCHARGE);
    }

    @Test
    void senderOverride_visitInPid18_npiInZSegment_codesWithoutSystem() {
        NormalizedMessage m = Samples.hl7("acme_east_a04_v251.hl7");
        CodedEncounter ce = m.encounter();
        assertThat(m.sender()).isEqualTo("ACME_EAST");
        assertThat(m.event()).isEqualTo(LedgerEvent.REGISTER);
        assertThat(m.visitNumber()).isEqualTo("ACME-778812");
        assertThat(ce.encounter().getIdentifierFirstRep().getSystem()).isEqualTo(Canonical.VISIT_SYSTEM_PREFIX + "ACME_EAST");
        assertThat(ce.encounter().getIdentifierFirstRep().getValue()).isEqualTo("ACME-778812");
        assertThat(ce.encounter().getClass_().getCode()).isEqualTo("AMB");
        // PV1-7 carries a local id 4411; ZPV-2 the NPI: one Practitioner, NPI identifier, name from PV1-7
        Practitioner att = Samples.byId(ce, participant(ce.encounter(), "ATND"), Practitioner.class);
        assertThat(att.getIdentifier()).hasSize(1);
        assertThat(att.getIdentifierFirstRep().getSystem()).isEqualTo(Canonical.NPI_SYSTEM);
        assertThat(att.getIdentifierFirstRep().getValue()).isEqualTo("1987654328");
        assertThat(att.getNameFirstRep().getFamily()).isEqualTo("WELBY");
        // no coding-system names: diagnosis → default I10 (and dotted), procedure → sender default CPT
        assertThat(code(ce.conditions().get(0).getCode().getCodingFirstRep())).isEqualTo(Canonical.ICD10CM + "|J01.90");
        assertThat(code(ce.procedures().get(0).getCode().getCodingFirstRep())).isEqualTo(Canonical.CPT + "|99213");
        assertThat(ce.claim().getType().getCodingFirstRep().getCode()).isEqualTo("professional");
        assertThat(ce.claim().hasExtension(Canonical.EXT_TYPE_OF_BILL)).isFalse();
        assertThat(ce.organizations().get(0).getIdentifierFirstRep().getValue()).isEqualTo("1234567893");
        // America/New_York, EST on 2026-03-05
        assertThat(ce.encounter().getPeriod().getStartElement().getValueAsString()).isEqualTo("2026-03-05T10:00:00-05:00");
    }

    @Test
    void senderOverride_chargesWithoutSystem_cptVsHcpcsByShape() {
        Claim claim = Samples.hl7("acme_east_p03_v251.hl7").encounter().claim();
        assertThat(claim.getItem()).hasSize(2);
        Claim.ItemComponent visit = claim.getItem().get(0);
        assertThat(code(visit.getProductOrService().getCodingFirstRep())).isEqualTo(Canonical.CPT + "|99213");
        assertThat(visit.getModifierFirstRep().getCodingFirstRep().getCode()).isEqualTo("25");
        assertThat(visit.getLocationCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("22");
        Claim.ItemComponent drug = claim.getItem().get(1);
        assertThat(code(drug.getProductOrService().getCodingFirstRep())).isEqualTo(Canonical.HCPCS + "|J1100");
        assertThat(drug.getQuantity().getValue()).isEqualByComparingTo("4");
        assertThat(drug.getUnitPrice().getValue()).isEqualByComparingTo("3.00");
        assertThat(drug.getNet().getValue()).isEqualByComparingTo("12.00");
        assertThat(dxCodes(claim, drug)).containsExactly("J01.90");
        assertThat(claim.getTotal().getValue()).isEqualByComparingTo("157.00");
        assertThat(claim.getBillablePeriod().getStartElement().getValueAsString()).startsWith("2026-03-05");
    }

    @Test
    void unknownSenderGetsDefaults() {
        String msg = Samples.read("acme_east_a04_v251.hl7").replace("|ACME_EAST|", "|NEW_CLINIC|").replaceAll("PV1\\|[^\n]*", "PV1|1|O|||||4411^WELBY^MARCUS^^^DR" + "|".repeat(12) + "VN-1");
        NormalizedMessage m = Samples.HL7.normalize(msg, null);
        assertThat(m.sender()).isEqualTo("NEW_CLINIC");
        assertThat(m.visitNumber()).isEqualTo("VN-1");
        // default procedure system I10P: 99213 is then (wrongly) PCS — exactly why ACME_EAST has an override
        assertThat(m.encounter().procedures().get(0).getCode().getCodingFirstRep().getSystem()).isEqualTo(Canonical.ICD10PCS);
        // no NPI in the default mapping: local provider id for 4411
        Practitioner att = Samples.byId(m.encounter(), participant(m.encounter().encounter(), "ATND"), Practitioner.class);
        assertThat(att.getIdentifierFirstRep().getSystem()).isEqualTo(Canonical.PROVIDER_ID_SYSTEM_PREFIX + "NEW_CLINIC");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"2.3", "2.3.1", "2.4", "2.5", "2.5.1", "2.6", "2.7", "2.7.1", "2.8", "2.8.1", "2.8.2", "2.9"})
    void oneCodePathForEveryVersion(String version) {
        String msg = Samples.read("dft_p03_v251.hl7").replace("|P|2.5.1\n", "|P|" + version + "\n");
        assertThat(msg).contains("|P|" + version + "\n");
        Claim claim = Samples.HL7.normalize(msg, null).encounter().claim();
        assertThat(claim.getItem()).hasSize(3);
        assertThat(claim.getTotal().getValue()).isEqualByComparingTo("2895.00");
        assertThat(claim.getItem().get(2).getDiagnosisSequence()).hasSize(2);
    }

    @Test
    void freeTextDiagnosisBecomesEncounterReasonNotAClaimDiagnosis() {
        String msg = Samples.read("adt_a01_v23.hl7").replace("DG1|1|I10|R07.9^Chest pain, unspecified^I10||", "DG1|1|I9||CHEST PAIN|");
        CodedEncounter ce = Samples.HL7.normalize(msg, null).encounter();
        assertThat(ce.conditions()).isEmpty();
        assertThat(ce.claim().getDiagnosis()).isEmpty();
        assertThat(ce.encounter().getReasonCode()).extracting(r -> r.getText()).contains("CHEST PAIN");

        String pr = Samples.read("adt_a08_v251.hl7").replaceAll("PR1\\|1\\|\\|[^|]*", "PR1|1||^CARDIAC CATH");
        NormalizedMessage m = Samples.HL7.normalize(pr, null);
        assertThat(m.encounter().procedures()).singleElement().satisfies(p -> assertThat(p.getCode().getText()).isEqualTo("CARDIAC CATH"));
        assertThat(m.encounter().claim().getProcedure()).isEmpty();
        assertThat(m.hasProcedures()).isFalse();
    }

    @Test
    void batchFileSplitsIntoMessages() {
        List<String> msgs = Hl7v2Parser.splitBatch(Samples.read("batch_two_messages.hl7"));
        assertThat(msgs).hasSize(2);
        assertThat(Samples.HL7.normalize(msgs.get(1), null).controlId()).isEqualTo("GH0002");
    }

    @Test
    void errorsNameTheFieldNotTheData() {
        String noVisit = Samples.read("adt_a11_v251.hl7").replace("|V100234|", "||").replace("|A7788990|", "||");
        assertThatThrownBy(() -> Samples.HL7.normalize(noVisit, null)).isInstanceOf(Hl7v2Exception.class)
                .hasMessageContaining("PV1-19").hasMessageNotContaining("EVERYMAN");
        String badTrigger = Samples.read("adt_a11_v251.hl7").replace("ADT^A11^ADT_A09", "ADT^A31^ADT_A05");
        assertThatThrownBy(() -> Samples.HL7.normalize(badTrigger, null)).hasMessageContaining("A31");
        assertThatThrownBy(() -> Samples.HL7.normalize("PID|1||x", null)).hasMessageContaining("MSH");
    }

    @Test
    void in1AddressBecomesItsOwnPayersAddress() {
        // IN1-5 (fields.payerAddress) on the second IN1 only, repeated: both go to that payer, none to the first.
        String raw = Samples.read("adt_a01_v23.hl7").replace("|BLUE CROSS NC||",
                "|BLUE CROSS NC|PO BOX 2291^SUITE 4^DURHAM^NC^27702-0001^USA~PO BOX 9^^DURHAM^NC^27702|");
        CodedEncounter ce = Samples.HL7.normalize(raw, null).encounter();
        Organization medicare = Samples.byId(ce, ce.coverages().get(0).getPayorFirstRep().getReference(), Organization.class);
        Organization bcbs = Samples.byId(ce, ce.coverages().get(1).getPayorFirstRep().getReference(), Organization.class);
        assertThat(medicare.getName()).isEqualTo("MEDICARE PART A");
        assertThat(medicare.hasAddress()).isFalse();
        assertThat(bcbs.getName()).isEqualTo("BLUE CROSS NC");
        assertThat(bcbs.getAddress()).hasSize(2);
        var first = bcbs.getAddressFirstRep();
        assertThat(first.getLine()).extracting(l -> l.getValue()).containsExactly("PO BOX 2291", "SUITE 4");
        assertThat(first.getCity()).isEqualTo("DURHAM");
        assertThat(first.getState()).isEqualTo("NC");
        assertThat(first.getPostalCode()).isEqualTo("27702-0001");
        assertThat(first.getCountry()).isEqualTo("USA");
        assertThat(bcbs.getAddress().get(1).getLine()).extracting(l -> l.getValue()).containsExactly("PO BOX 9");
        // The patient's and the subscriber's addresses stay theirs.
        assertThat(ce.patient().getAddressFirstRep().getCity()).isEqualTo("GREENSBORO");
    }

    @Test
    void identicalFactsGetIdenticalIds() {
        CodedEncounter a01 = Samples.hl7("adt_a01_v23.hl7").encounter();
        CodedEncounter dft = Samples.hl7("dft_p03_v251.hl7").encounter();
        assertThat(dft.patient().getId()).isEqualTo(a01.patient().getId());
        assertThat(dft.encounter().getId()).isEqualTo(a01.encounter().getId());
        assertThat(dft.claim().getId()).isEqualTo(a01.claim().getId());
    }

    private static String participant(Encounter e, String type) {
        return e.getParticipant().stream().filter(p -> p.getTypeFirstRep().hasCoding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", type))
                .map(p -> p.getIndividual().getReference()).findFirst().orElse(null);
    }

    private String code(Coding c) {
        return c.getSystem() + "|" + c.getCode();
    }

    private static List<String> types(Claim.DiagnosisComponent d) {
        return d.getType().stream().map(t -> t.getCodingFirstRep().getCode()).toList();
    }

    private static List<String> dxCodes(Claim claim, Claim.ItemComponent it) {
        return it.getDiagnosisSequence().stream().map(p -> claim.getDiagnosis().stream().filter(d -> d.getSequence() == p.getValue())
                .findFirst().orElseThrow().getDiagnosisCodeableConcept().getCodingFirstRep().getCode()).toList();
    }
}
