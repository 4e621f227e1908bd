package io.claimbridge.delivery.x12;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.claimbridge.model.Canonical;
import io.claimbridge.model.CodedEncounter;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.StringType;

/**
 * Builds canonical {@link CodedEncounter}s for tests, following the conventions in {@link Canonical}.
 * Defaults are a complete, renderable claim; tests change one fact to see one rejection.
 */
public final class ClaimFixture {
    public static final String BILLING_NPI = "1234567893";
    public static final String RENDERING_NPI = "1245319599";

    private final boolean institutional;
    private String claimId = "CLM1001";
    private String billingNpi = BILLING_NPI;
    private String payerId = "60054";
    private String billingZip = "123451234";
    private String frequency;
    private String original;
    private String payerClaimNumber;
    private boolean dependent;
    private boolean withRendering = true;
    private String inpatientClass = "IMP";
    private final List<String[]> dx = new ArrayList<>();
    private final List<String[]> pcs = new ArrayList<>();
    private final List<Object[]> items = new ArrayList<>();
    private final java.util.Map<Integer, String[]> sourceTransactions = new java.util.HashMap<>();
    private String[] payerAddress;
    private final List<String[]> otherCoverages = new ArrayList<>();

    private ClaimFixture(boolean institutional) {
        this.institutional = institutional;
    }

    /** An 837P-ready office visit: 3 dx, two lines with modifiers. */
    public static ClaimFixture professional() {
        ClaimFixture f = new ClaimFixture(false);
        f.diagnosis("J18.9", "principal", null).diagnosis("I10", null, null).diagnosis("E11.9", null, null);
        f.item("99214", new String[] {"25"}, null, "150.00", 1, new int[] {1, 2}, "11");
        f.item("71046", new String[] {"26", "LT"}, null, "85.50", 1, new int[] {1, 3, 2}, "11");
        return f;
    }

    /** An 837I-ready inpatient stay: principal/admitting/others with POA, PCS procedures, revenue lines. */
    public static ClaimFixture institutional() {
        ClaimFixture f = new ClaimFixture(true);
        f.diagnosis("J18.9", "principal", "Y").diagnosis("R05.9", "admitting", null)
                .diagnosis("I10", null, "Y").diagnosis("N17.9", null, "N").diagnosis("E11.9", null, "1");
        f.procedure("5A1955Z", "2026-11-02").procedure("0BH17EZ", "2026-11-02");
        f.item(null, new String[0], "0120", "3600.00", 3, new int[0], null);
        f.item("71046", new String[] {"26"}, "0324", "410.25", 1, new int[0], null);
        f.item("J1100", new String[0], "0636", "22.50", 2, new int[0], null);
        return f;
    }

    public ClaimFixture id(String id) { this.claimId = id; return this; }
    public ClaimFixture billingNpi(String npi) { this.billingNpi = npi; return this; }
    public ClaimFixture payerId(String id) { this.payerId = id; return this; }
    public ClaimFixture billingZip(String zip) { this.billingZip = zip; return this; }
    public ClaimFixture dependent() { this.dependent = true; return this; }
    public ClaimFixture noRendering() { this.withRendering = false; return this; }
    public ClaimFixture outpatient() { this.inpatientClass = "AMB"; return this; }
    public ClaimFixture clearDiagnoses() { dx.clear(); return this; }
    public ClaimFixture clearItems() { items.clear(); return this; }

    /** The payer Organization's address (2010BB N3/N4); null parts are left out of it. */
    public ClaimFixture payerAddress(String line, String city, String state, String zip) {
        this.payerAddress = new String[] {line, city, state, zip};
        return this;
    }

    /**
     * Another coverage after the ones before it (Claim.insurance sequence and Coverage.order 2, 3, …,
     * not focal). {@code insured} "self" is the patient; "spouse" is a contained RelatedPerson Doe^Mark
     * with an address. Null payer name, payer id or member id are left out.
     */
    public ClaimFixture otherCoverage(String payerName, String payerId, String memberId, String group, String insured) {
        otherCoverages.add(new String[] {payerName, payerId, memberId, group, insured});
        return this;
    }

    /** FT1-2 transaction ids the normalizer keeps on item {@code line} (1-based); several after netting. */
    public ClaimFixture sourceTransactions(int line, String... ids) {
        sourceTransactions.put(line, ids);
        return this;
    }

    /** Our original claim id only: what the ledger writes before the payer's number is filled in. */
    public ClaimFixture replacementOf(String originalId) {
        this.frequency = "7";
        this.original = originalId;
        return this;
    }

    /** A replacement as it reaches the writer: our original id and the payer's claim number of it. */
    public ClaimFixture replacementOf(String originalId, String payerClaimNumber) {
        this.payerClaimNumber = payerClaimNumber;
        return replacementOf(originalId);
    }

    public ClaimFixture frequency(String f) { this.frequency = f; return this; }

    public ClaimFixture diagnosis(String code, String type, String poa) {
        dx.add(new String[] {code, type, poa});
        return this;
    }

    public ClaimFixture procedure(String pcsCode, String date) {
        pcs.add(new String[] {pcsCode, date});
        return this;
    }

    /** code null = revenue-only line; pointers are diagnosis sequences. */
    public ClaimFixture item(String code, String[] mods, String revenue, String net, int qty, int[] pointers, String pos) {
        items.add(new Object[] {code, mods, revenue, net, qty, pointers, pos, null});
        return this;
    }

    /** An item with only a local charge-master code. */
    public ClaimFixture uncodedItem(String chargeCode, String net) {
        items.add(new Object[] {null, new String[0], institutional ? "0300" : null, net, 1, new int[] {1}, "11", chargeCode});
        return this;
    }

    public CodedEncounter build() {
        Patient patient = new Patient();
        patient.setId(urn());
        patient.addIdentifier().setSystem(Canonical.MRN_SYSTEM_PREFIX + "EPIC").setValue("MRN123");
        patient.addName().setFamily("Doe").addGiven("Jane").addGiven("Q");
        patient.setGender(Enumerations.AdministrativeGender.FEMALE);
        patient.setBirthDateElement(new DateType("1980-04-15"));
        patient.addAddress().addLine("12 Elm St").addLine("Apt 3").setCity("Springfield").setState("IL").setPostalCode("62701");

        Organization billing = new Organization();
        billing.setId(urn());
        billing.setName("Springfield General Hospital");
        if (billingNpi != null) {
            billing.addIdentifier().setSystem(Canonical.NPI_SYSTEM).setValue(billingNpi);
        }
        billing.addIdentifier().setSystem(Canonical.TAX_ID_SYSTEM).setValue("37-1234567");
        billing.addAddress().addLine("800 E Carpenter St").setCity("Springfield").setState("IL").setPostalCode(billingZip);

        Organization payer = new Organization();
        payer.setId(urn());
        payer.setName("Acme Health Plan");
        if (payerId != null) {
            payer.addIdentifier().setSystem(Canonical.PAYER_ID_SYSTEM).setValue(payerId);
        }
        if (payerAddress != null) {
            org.hl7.fhir.r4.model.Address a = payer.addAddress();
            if (payerAddress[0] != null) {
                a.addLine(payerAddress[0]);
            }
            a.setCity(payerAddress[1]).setState(payerAddress[2]).setPostalCode(payerAddress[3]);
        }

        Coverage coverage = new Coverage();
        coverage.setId(urn());
        coverage.setOrder(1);
        coverage.setSubscriberId("W123456789");
        coverage.addPayor(new Reference(payer.getIdElement().getValue()));
        coverage.setType(new CodeableConcept(new Coding("https://x12.org/codes/claim-filing-indicator", "CI", null)));
        if (dependent) {
            RelatedPerson sub = new RelatedPerson();
            sub.setId("sub");
            sub.addName().setFamily("Doe").addGiven("John");
            sub.setGender(Enumerations.AdministrativeGender.MALE);
            sub.setBirthDateElement(new DateType("1978-01-02"));
            coverage.addContained(sub);
            coverage.setSubscriber(new Reference("#sub"));
            coverage.setRelationship(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/subscriber-relationship", "child", null)));
        } else {
            coverage.setSubscriber(new Reference(patient.getIdElement().getValue()));
            coverage.setRelationship(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/subscriber-relationship", "self", null)));
        }

        List<Coverage> coverages = new ArrayList<>(List.of(coverage));
        List<Organization> organizations = new ArrayList<>(List.of(billing, payer));
        for (String[] o : otherCoverages) {
            Organization other = new Organization();
            other.setId(urn());
            other.setName(o[0]);
            if (o[1] != null) {
                other.addIdentifier().setSystem(Canonical.PAYER_ID_SYSTEM).setValue(o[1]);
            }
            Coverage c = new Coverage();
            c.setId(urn());
            c.setOrder(coverages.size() + 1);
            c.setSubscriberId(o[2]);
            c.addPayor(new Reference(other.getIdElement().getValue()));
            if (o[3] != null) {
                c.addClass_().setType(new CodeableConcept(new Coding(
                        "http://terminology.hl7.org/CodeSystem/coverage-class", "group", null))).setValue(o[3]);
            }
            if ("self".equals(o[4])) {
                c.setSubscriber(new Reference(patient.getIdElement().getValue()));
            } else {
                RelatedPerson sub = new RelatedPerson();
                sub.setId("subscriber");
                sub.addName().setFamily("Doe").addGiven("Mark");
                sub.addAddress().addLine("44 Oak Rd").setCity("Chatham").setState("IL").setPostalCode("62629-1234");
                c.addContained(sub);
                c.setSubscriber(new Reference("#subscriber"));
            }
            c.setRelationship(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/subscriber-relationship", o[4], null)));
            coverages.add(c);
            organizations.add(other);
        }

        Practitioner doc = new Practitioner();
        doc.setId(urn());
        doc.addIdentifier().setSystem(Canonical.NPI_SYSTEM).setValue(RENDERING_NPI);
        doc.addName().setFamily("House").addGiven("Gregory");

        Encounter enc = new Encounter();
        enc.setId(urn());
        enc.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", inpatientClass, null));
        enc.setPeriod(new Period().setStartElement(new DateTimeType("2026-11-01T14:30:00-06:00"))
                .setEndElement(new DateTimeType("2026-11-04T10:15:00-06:00")));
        enc.setPriority(new CodeableConcept(new Coding("https://www.nubc.org/CodeSystem/PriorityTypeOfAdmitOrVisit", "1", null)));
        enc.getHospitalization().setAdmitSource(new CodeableConcept(new Coding("https://www.nubc.org/CodeSystem/PointOfOrigin", "7", null)));
        enc.getHospitalization().setDischargeDisposition(new CodeableConcept(new Coding(Canonical.NUBC_DISCHARGE_STATUS, "01", null)));
        enc.setServiceProvider(new Reference(billing.getIdElement().getValue()));

        Claim claim = new Claim();
        claim.setId(urn());
        claim.addIdentifier().setSystem(Canonical.CLAIM_ID_SYSTEM).setValue(claimId);
        claim.setStatus(Claim.ClaimStatus.ACTIVE);
        claim.setUse(Claim.Use.CLAIM);
        claim.setType(new CodeableConcept(new Coding(Canonical.CLAIM_TYPE, institutional ? "institutional" : "professional", null)));
        claim.setPatient(new Reference(patient.getIdElement().getValue()));
        claim.setProvider(new Reference(billing.getIdElement().getValue()));
        claim.setInsurer(new Reference(payer.getIdElement().getValue()));
        for (int i = 0; i < coverages.size(); i++) {
            Coverage c = coverages.get(i);
            claim.addInsurance().setSequence(i + 1).setFocal(c == coverage).setCoverage(new Reference(c.getIdElement().getValue()));
        }
        if (withRendering) {
            claim.addCareTeam().setSequence(1).setProvider(new Reference(doc.getIdElement().getValue()))
                    .setRole(new CodeableConcept(new Coding(Canonical.CARE_TEAM_ROLE, "primary", null)));
        }
        claim.setBillablePeriod(institutional
                ? new Period().setStartElement(new DateTimeType("2026-11-01")).setEndElement(new DateTimeType("2026-11-04"))
                : new Period().setStartElement(new DateTimeType("2026-11-01")).setEndElement(new DateTimeType("2026-11-01")));
        if (frequency != null) {
            claim.addExtension(Canonical.EXT_FREQUENCY, new org.hl7.fhir.r4.model.CodeType(frequency));
        }
        if (institutional) {
            claim.addExtension(Canonical.EXT_TYPE_OF_BILL, new StringType("0111"));
        }
        if (original != null) {
            Claim.RelatedClaimComponent related = claim.addRelated().setClaim(new Reference().setIdentifier(
                    new Identifier().setSystem(Canonical.CLAIM_ID_SYSTEM).setValue(original)));
            if (payerClaimNumber != null) {
                related.setReference(new Identifier().setSystem(Canonical.PAYER_CLAIM_NUMBER_SYSTEM)
                        .setValue(payerClaimNumber));
            }
        }
        int seq = 1;
        for (String[] d : dx) {
            Claim.DiagnosisComponent dc = claim.addDiagnosis().setSequence(seq++)
                    .setDiagnosis(new CodeableConcept(new Coding(Canonical.ICD10CM, d[0], null)));
            if (d[1] != null) {
                dc.addType(new CodeableConcept(new Coding(Canonical.DIAGNOSIS_TYPE, d[1], null)));
            }
            if (d[2] != null) {
                dc.setOnAdmission(new CodeableConcept(new Coding(Canonical.POA_SYSTEM, d[2], null)));
            }
        }
        seq = 1;
        for (String[] p : pcs) {
            claim.addProcedure().setSequence(seq++).setDateElement(new DateTimeType(p[1]))
                    .setProcedure(new CodeableConcept(new Coding(Canonical.ICD10PCS, p[0], null)));
        }
        seq = 1;
        BigDecimal total = BigDecimal.ZERO;
        for (Object[] it : items) {
            Claim.ItemComponent item = claim.addItem().setSequence(seq++);
            String code = (String) it[0];
            CodeableConcept product = new CodeableConcept();
            if (code != null) {
                product.addCoding(new Coding(code.startsWith("J") ? Canonical.HCPCS : Canonical.CPT, code, null));
            }
            if (it[7] != null) {
                product.addCoding(new Coding(Canonical.CHARGE_CODE_SYSTEM, (String) it[7], null));
            }
            item.setProductOrService(product);
            for (String m : (String[]) it[1]) {
                item.addModifier(new CodeableConcept(new Coding(Canonical.MODIFIER_SYSTEM, m, null)));
            }
            if (it[2] != null) {
                item.setRevenue(new CodeableConcept(new Coding(Canonical.REVENUE_SYSTEM, (String) it[2], null)));
            }
            BigDecimal net = new BigDecimal((String) it[3]);
            total = total.add(net);
            item.setNet(new Money().setValue(net).setCurrency("USD"));
            item.setQuantity(new Quantity((int) it[4]));
            for (int ptr : (int[]) it[5]) {
                item.addDiagnosisSequence(ptr);
            }
            if (it[6] != null) {
                item.setLocation(new CodeableConcept(new Coding(Canonical.POS_SYSTEM, (String) it[6], null)));
            }
            item.setServiced(new DateType("2026-11-0" + Math.min(seq, 4)));
            for (String id : sourceTransactions.getOrDefault(item.getSequence(), new String[0])) {
                item.addExtension(Canonical.EXT_SOURCE_TRANSACTION, new StringType(id));
            }
        }
        claim.setTotal(new Money().setValue(total).setCurrency("USD"));

        return new CodedEncounter(patient, enc, coverages, organizations, List.of(doc),
                List.of(), List.of(), claim);
    }

    private static String urn() {
        return "urn:uuid:" + UUID.randomUUID();
    }
}
