package io.claimbridge.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Account;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Base64BinaryType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PositiveIntType;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.SimpleQuantity;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.TimeType;
import org.hl7.fhir.r4.model.Timing;
import org.hl7.fhir.r4.model.UnsignedIntType;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.UuidType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import ca.uhn.fhir.parser.DataFormatException;
import io.claimbridge.coding.attach.Chargemaster;
import io.claimbridge.coding.attach.CodeAttacher;
import io.claimbridge.coding.codeset.CodeSets;
import io.claimbridge.coding.codeset.ConformanceLoader;
import io.claimbridge.coding.edit.ClaimEditor;
import io.claimbridge.model.CodedEncounter;
import io.claimbridge.normalize.ledger.EncounterLedger;
import io.claimbridge.normalize.ledger.LedgerPolicy;
import io.claimbridge.normalize.ledger.LedgerResult;
import io.claimbridge.normalize.ledger.Release;

/**
 * {@link FhirJsonWriter} must give exactly HAPI's compact JSON. Every case encodes with the fast
 * writer first (the resource as the engine holds it: HAPI's encoder mutates some resources), then
 * with HAPI, and compares the strings; cases the writer claims to handle must also not have fallen
 * back to HAPI, or the comparison would prove nothing.
 */
class FhirJsonWriterTest {

    private static Chargemaster chargemaster;
    private static CodeSets codeSets;

    @BeforeAll
    static void load() throws IOException {
        chargemaster = Chargemaster.read(Path.of("mappings/chargemaster.csv"));
        codeSets = ConformanceLoader.load(Path.of("conformance"), null);
    }

    /** Same bytes as HAPI, without falling back. */
    private static void assertNative(String label, IBaseResource r) {
        assertThat(FhirJsonWriter.fallbackReason(r)).as("%s falls back to HAPI because", label).isNull();
        assertSameAsHapi(label, r);
    }

    /** Same bytes as HAPI (fallback allowed). */
    private static void assertSameAsHapi(String label, IBaseResource r) {
        String fast = FhirJsonWriter.encode(r);
        String hapi = FhirR4.json().encodeResourceToString(r);
        assertThat(fast).as(label).isEqualTo(hapi);
        StringBuilder appended = new StringBuilder("prefix:");
        FhirJsonWriter.encode(r, appended);
        assertThat(appended.toString()).as(label + " appended").isEqualTo("prefix:" + hapi);
    }

    private static void assertFallsBack(String label, IBaseResource r, String reason) {
        assertThat(FhirJsonWriter.fallbackReason(r)).as("%s falls back to HAPI", label).isEqualTo(reason);
        assertSameAsHapi(label, r);
    }

    // ------------------------------------------------------------------ corpus

    private static List<Path> hl7Samples() {
        try (Stream<Path> files = Files.walk(Path.of("src/test/resources/hl7"))) {
            return files.filter(p -> p.toString().endsWith(".hl7")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String wire(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8).replace("\r\n", "\r").replace('\n', '\r');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyHl7SampleAsBundleResourcesCodedClaimAndEditOutcome() {
        List<DynamicTest> tests = new ArrayList<>();
        int normalized = 0;
        for (Path p : hl7Samples()) {
            CodedEncounter ce;
            try {
                ce = Samples.HL7.toCodedEncounter(wire(p), null);
            } catch (RuntimeException e) {
                continue; // not a single normalizable message (e.g. a batch file)
            }
            normalized++;
            String name = p.getFileName().toString();
            tests.add(DynamicTest.dynamicTest(name + " bundle", () -> assertNative(name, ce.toBundle())));
            for (Resource r : ce.all()) {
                tests.add(DynamicTest.dynamicTest(name + " " + r.fhirType() + " " + r.getIdElement().getIdPart(),
                        () -> assertNative(name + " " + r.fhirType(), r)));
            }
            tests.add(DynamicTest.dynamicTest(name + " coded", () -> {
                CodedEncounter coded = new CodeAttacher(chargemaster).attach(ce).encounter();
                assertNative(name + " coded bundle", coded.toBundle());
                if (coded.claim() != null) {
                    assertNative(name + " coded claim", coded.claim());
                }
                OperationOutcome oo = new ClaimEditor(codeSets).validate(coded).toOperationOutcome();
                assertNative(name + " edit outcome", oo);
            }));
        }
        assertThat(normalized).as("normalizable samples").isGreaterThan(20);
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> fhirJsonFilesParsedWithHapi() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/fhir"))) {
            List<Path> json = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            assertThat(json).isNotEmpty();
            return json.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
                IBaseResource r = FhirR4.json().parseResource(Files.readString(p));
                assertNative(p.getFileName().toString(), r);
                if (r instanceof Bundle b) {
                    for (Bundle.BundleEntryComponent e : b.getEntry()) {
                        if (e.getResource() != null) {
                            assertNative(p.getFileName() + " entry " + e.getFullUrl(), e.getResource());
                        }
                    }
                }
            }));
        }
    }

    private static NormalizedMessage delivery(String name) {
        return Samples.HL7.normalize(Samples.read("delivery/" + name + ".hl7").replace("\r\n", "\r").replace('\n', '\r'), "ACME_EAST");
    }

    @TestFactory
    Stream<DynamicTest> ledgerStatesAndReleases() {
        List<DynamicTest> tests = new ArrayList<>();
        for (List<String> visit : List.of(List.of("office_a04", "office_p03"), List.of("inpatient_a01", "inpatient_p03", "inpatient_a03"))) {
            EncounterLedger ledger = new EncounterLedger(LedgerPolicy.of(Duration.ZERO));
            Instant t = Instant.parse("2026-03-20T00:00:00Z");
            LedgerResult r = null;
            int releases = 0;
            for (String m : visit) {
                r = ledger.apply(r == null ? null : r.state(), delivery(m), t);
                t = t.plusSeconds(60);
                CodedEncounter state = r.state().encounter();
                tests.add(DynamicTest.dynamicTest("state after " + m, () -> assertNative("state after " + m, state.toBundle())));
                for (Release rel : r.releases()) {
                    releases++;
                    CodedEncounter released = rel.encounter();
                    tests.add(DynamicTest.dynamicTest("release " + rel.record().claimId(), () -> {
                        assertNative("release bundle", released.toBundle());
                        assertNative("release claim", released.claim());
                    }));
                }
            }
            assertThat(releases).as("releases of " + visit).isPositive();
        }
        return tests.stream();
    }

    // ------------------------------------------------------------------ strings and numbers

    @Test
    void stringsAreEscapedLikeJackson() {
        StringBuilder controls = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            controls.append('a').append(c);
        }
        Patient p = new Patient();
        p.setId("esc");
        p.addName().setFamily("O\"Brien \\ back/slash").addGiven(controls.toString()).addGiven("line\u2028sep\u2029para\u007f\u0080")
                .addGiven("emoji \uD83D\uDE00 and \u00e9\u00e8 \u4e2d\u6587 \u0639\u0631\u0628\u064a \u0420\u0443\u0441")
                .addGiven("lone \uD800 surrogate").addGiven("<script>&amp;</script>");
        p.addIdentifier().setSystem("urn:oid:1.2").setValue("  padded  ");
        assertNative("escapes", p);
        String json = FhirJsonWriter.encode(p);
        assertThat(json).contains("\\u0000").contains("\\u001F").contains("\\n").contains("\\t").contains("\u2028");
    }

    @Test
    void blankStringsAreLeftOut() {
        Patient p = new Patient();
        p.addName().setFamily("   ").addGiven("").addGiven(" x ");
        p.setGender(Enumerations.AdministrativeGender.UNKNOWN);
        assertNative("blank", p);
    }

    @Test
    void decimalsKeepTheirText() {
        Observation o = new Observation();
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.getCode().setText("decimals");
        o.setValue(new Quantity().setValueElement(new DecimalType("145.00")).setUnit("USD"));
        o.addComponent().setValue(new Quantity().setValueElement(new DecimalType("0.1")));
        o.addComponent().setValue(new Quantity().setValueElement(new DecimalType("1E+2")));
        o.addComponent().setValue(new Quantity().setValueElement(new DecimalType("-12.50")));
        o.addComponent().setValue(new Quantity().setValueElement(new DecimalType(new BigDecimal("1E+2"))));
        o.addComponent().setValue(new Quantity().setValueElement(new DecimalType(0.1)));
        o.addComponent().setValue(new Quantity().setValueElement(new DecimalType("0")));
        o.addComponent().setValue(new Quantity().setValueElement(new DecimalType("-0.000")));
        o.addComponent().setValue(new Quantity().setValueElement(new DecimalType("123456789012345678901234567890.123456789")));
        o.addComponent().setValue(new IntegerType(0));
        o.addComponent().setValue(new IntegerType(-42));
        o.addComponent().setValue(new BooleanType(false));
        o.addComponent().setValue(new BooleanType(true));
        o.addComponent().setValue(new StringType("145.00"));
        o.addComponent().setValue(new TimeType("10:15:00"));
        o.addComponent().setValue(new DateTimeType("2024-02-29T23:59:59.123+05:30"));
        o.addComponent().setValue(new DateTimeType("2024"));
        o.addComponent().setValue(new Period().setStartElement(new DateTimeType("2024-01")));
        o.setIssuedElement(new InstantType("2024-03-01T10:00:00.000Z"));
        assertNative("decimals", o);
        assertThat(FhirJsonWriter.encode(o)).contains("\"value\":145.00").contains("\"value\":1E+2").contains("\"valueInteger\":-42");
    }

    @Test
    void primitiveTypesOfAllKinds() {
        Claim c = new Claim();
        c.setCreatedElement(new DateTimeType(new Date(1_700_000_000_000L)));
        c.addItem().setSequence(1).setQuantity(new SimpleQuantity().setValue(2)).setFactor(0.25)
                .setUnitPrice(new Money().setValue(new BigDecimal("145.00")).setCurrency("USD"));
        Attachment a = new Attachment().setDataElement(new Base64BinaryType("SGVsbG8=")).setSizeElement(new UnsignedIntType(5))
                .setUrlElement(new org.hl7.fhir.r4.model.UrlType("http://x/a"));
        c.addSupportingInfo().setSequence(1).setValue(a).setCategory(new CodeableConcept().setText("att"));
        c.addSupportingInfo().setSequence(2).setValue(new Reference("urn:uuid:" + new UuidType("urn:uuid:1").getValue()))
                .setCategory(new CodeableConcept().setText("ref"));
        c.addSupportingInfo().setSequence(3).setValue(new BooleanType(true)).setCategory(new CodeableConcept().setText("bool"));
        assertNative("kinds", c);
    }

    // ------------------------------------------------------------------ primitives with id / extensions

    @Test
    void primitiveWithOnlyAnExtension() {
        Patient p = new Patient();
        p.getBirthDateElement().addExtension("http://hl7.org/fhir/StructureDefinition/data-absent-reason", new CodeType("unknown"));
        p.getGenderElement().addExtension("http://x/gender-note", new StringType("note"));
        p.getGenderElement().setId("g1");
        p.setActiveElement(new BooleanType(true));
        p.getActiveElement().setId("only-id-is-dropped");
        assertNative("primitive extension", p);
        assertThat(FhirJsonWriter.encode(p)).contains("\"_birthDate\":{\"extension\"").contains("\"_gender\":{\"id\":\"g1\"");
    }

    @Test
    void listOfPrimitivesWithSomeExtensionsAndIds() {
        Patient p = new Patient();
        HumanName n = p.addName().setFamily("Doe");
        n.addGiven("John");
        StringType ext = n.addGivenElement();
        ext.addExtension("http://x/given-absent", new CodeType("masked"));
        n.addGiven("Paul").getGiven().get(2).setId("third");
        n.addGiven("Ringo");
        n.getGiven().get(3).addExtension("http://x/nick", new StringType("R"));
        n.getGiven().get(3).getExtension().get(0).addExtension(); // empty sub-object is not a sub-extension yet
        n.getGiven().get(3).getExtension().get(0).getExtension().clear();
        n.addPrefix("Dr").getPrefix().get(0).setId("idOnly"); // an id alone never makes a _prefix
        HumanName second = p.addName();
        second.getGiven().add(new StringType()); // empty: skipped, the array starts at the next one
        second.addGiven("Second");
        second.setId("name-2");
        p.getMaritalStatus().setText("married").setId("ms");
        assertNative("primitive list", p);
        assertThat(FhirJsonWriter.encode(p)).contains("\"given\":[\"John\",null,\"Paul\",\"Ringo\"]")
                .contains("\"_given\":[null,{\"extension\"");
    }

    @Test
    void primitiveExtensionsInsideExtensionValues() {
        Patient p = new Patient();
        StringType v = new StringType("value");
        v.addExtension("http://x/inner", new IntegerType(3));
        p.addExtension("http://x/outer", v);
        StringType blank = new StringType();
        blank.addExtension("http://x/inner", new BooleanType(true));
        p.addExtension("http://x/blank-value", blank);
        assertNative("value extension", p);
    }

    // ------------------------------------------------------------------ extensions

    @Test
    void extensionsEverywhere() {
        Claim c = new Claim();
        c.setId("ext");
        c.addExtension("http://x/string", new StringType("s"));
        Extension complex = c.addExtension().setUrl("http://x/complex");
        complex.addExtension("part1", new CodeableConcept(new Coding("http://s", "c", "d")));
        complex.addExtension("part2", new Reference("Patient/1/_history/3").setDisplay("p"));
        complex.addExtension().setUrl("part3").addExtension("deep", new DecimalType("1.50"));
        complex.setId("cx");
        c.addModifierExtension(new Extension("http://x/mod", new BooleanType(true)));
        c.addExtension().setUrl("http://x/dropped-no-value");
        c.addExtension(new Extension()); // empty: dropped
        Claim.ItemComponent item = c.addItem().setSequence(1);
        item.addModifierExtension("http://x/item-mod", new Period().setStart(new Date(0)));
        item.addExtension("http://x/item", new Identifier().setValue("i"));
        item.getProductOrService().addCoding().setCode("99213").addExtension("http://x/coding", new UriType("http://u"));
        c.getType().addExtension("http://x/type-only", new StringType("t"));
        c.getMeta().addExtension("http://x/meta", new StringType("m"));
        c.getPatient().setReference("Patient/1").addExtension("http://x/ref", new IntegerType(1));
        assertNative("extensions", c);
    }

    @Test
    void extensionValueTypes() {
        Patient p = new Patient();
        p.addExtension("http://x/enum", new org.hl7.fhir.r4.model.Enumeration<>(new Enumerations.AdministrativeGenderEnumFactory(),
                Enumerations.AdministrativeGender.FEMALE));
        p.addExtension("http://x/id", new IdType("Patient/7/_history/2"));
        p.addExtension("http://x/meta", new Meta().setVersionId("9").addTag("http://t", "c", "d").addTag(new Coding().setDisplay("dropped")));
        p.addExtension("http://x/timing", new Timing().addEvent(new Date(0)));
        p.addExtension("http://x/dosage", new Dosage().setText("dose").setSequence(1));
        p.addExtension("http://x/money", new Money().setValue(10).setCurrency("USD"));
        p.addExtension("http://x/canonical", new CanonicalType("http://c|1"));
        p.addExtension("http://x/annotation", new Annotation().setText("note").setTime(new Date(0)));
        p.addExtension("http://x/address", new Address().addLine("1 Main").setCity("X"));
        p.addExtension("http://x/contact", new ContactPoint().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("555"));
        assertNative("extension values", p);
    }

    @Test
    void elementThatOnlyHasADroppedExtensionIsWrittenEmpty() {
        Patient p = new Patient();
        p.getMaritalStatus().addExtension().setUrl("http://x/no-value");
        p.addName().addExtension().setUrl("http://x/no-value-either");
        p.addName().setFamily("Kept");
        assertNative("{} for non-empty element writing nothing", p);
        assertThat(FhirJsonWriter.encode(p)).contains("\"maritalStatus\":{}");
    }

    @Test
    void extensionWithValueAndSubExtensionsThrowsLikeHapi() {
        Patient p = new Patient();
        Extension e = new Extension("http://x/both", new StringType("v"));
        p.addExtension(e);
        e.addExtension("sub", new StringType("s"));
        assertThat(FhirJsonWriter.fallbackReason(p)).isNotNull();
        assertThatThrownBy(() -> FhirR4.json().encodeResourceToString(p)).isInstanceOf(DataFormatException.class);
        assertThatThrownBy(() -> FhirJsonWriter.encode(p)).isInstanceOf(DataFormatException.class);
    }

    // ------------------------------------------------------------------ ids, meta, references

    @Test
    void resourceIdForms() {
        for (String id : List.of("plain", "Patient/1", "Patient/1/_history/2", "http://example.org/fhir/Patient/5/_history/3",
                "urn:uuid:4b1e2a2c-7b7e-4c5e-9f43-6a0e1f1b2c3d", "urn:oid:1.2.3", "#local")) {
            Patient p = new Patient();
            p.setId(id);
            p.setActive(true);
            assertNative("id " + id, p);
        }
        Patient noContent = new Patient();
        noContent.setId("Patient/9/_history/4");
        assertNative("version only", noContent);
        assertThat(FhirJsonWriter.encode(noContent)).isEqualTo("{\"resourceType\":\"Patient\",\"id\":\"9\",\"meta\":{\"versionId\":\"4\"}}");
        Patient idType = new Patient();
        idType.setIdElement(new IdType("Patient", "12", "7"));
        assertNative("IdType parts", idType);
    }

    @Test
    void metaWithEverything() {
        Patient p = new Patient();
        p.setId("Patient/1/_history/2");
        p.getMeta().setVersionId("5").setLastUpdatedElement(new InstantType("2024-05-06T07:08:09.123+02:00")).setSource("#src")
                .addProfile("http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient").addProfile("http://p2")
                .addTag("http://t", "t1", "Tag one").addTag(new Coding().setDisplay("uncoded, dropped"))
                .addSecurity("http://terminology.hl7.org/CodeSystem/v3-Confidentiality", "R", "restricted")
                .addSecurity(new Coding().setVersion("only version, dropped"));
        p.getMeta().getTag().get(0).setUserSelected(true).setVersion("1");
        p.getMeta().setId("meta-id");
        assertNative("meta", p);
        Patient versionFromId = new Patient();
        versionFromId.setId("Patient/1/_history/2");
        versionFromId.getMeta().setLastUpdated(new Date(0));
        assertNative("versionId from id", versionFromId);
        Patient onlyUncodedTag = new Patient();
        onlyUncodedTag.getMeta().addTag(new Coding().setDisplay("dropped"));
        onlyUncodedTag.setActive(true);
        assertNative("meta emptied by filtering", onlyUncodedTag);
    }

    @Test
    void referenceForms() {
        Claim c = new Claim();
        c.setPatient(new Reference("Patient/1/_history/2"));
        c.setProvider(new Reference("http://example.org/fhir/Practitioner/5/_history/3").setDisplay("abs"));
        c.setInsurer(new Reference("urn:uuid:0e1f1b2c-3d4b-1e2a-2c7b-7e4c5e9f436a").setType("Organization"));
        c.setEnterer(new Reference().setIdentifier(new Identifier().setSystem("http://npi").setValue("123")));
        c.setFacility(new Reference("Location?identifier=http://x|1/_history/9"));
        c.setReferral(new Reference("ServiceRequest/abc/"));
        c.setPrescription(new Reference("http://example.org/foo"));
        c.setOriginalPrescription(new Reference("#"));
        c.addCareTeam().setSequence(1).setProvider(new Reference("Practitioner/p1"));
        c.addCareTeam().setSequence(2).setProvider(new Reference("plainid"));
        c.addInsurance().setSequence(1).setFocal(true).setCoverage(new Reference("Coverage/1/_history/1").setDisplay("c"));
        assertNative("references", c);
    }

    @Test
    void containedResourcesReferencedByLocalId() {
        Account a = new Account();
        a.setId("urn:uuid:11111111-2222-3333-4444-555555555555");
        Patient guarantor = new Patient();
        guarantor.setId("gt1");
        guarantor.addName().setFamily("Payer");
        guarantor.setMeta(new Meta().setVersionId("3").setLastUpdated(new Date(0)).addSecurity("http://s", "x", null).addTag("http://t", "c", null));
        Organization org = new Organization();
        org.setId("org-1");
        org.setName("Employer");
        org.getMeta().setLastUpdated(new Date(0)); // only what contained resources drop: HAPI writes "meta":{}
        Organization versioned = new Organization();
        versioned.setId("Organization/org-2/_history/4"); // contained: id part only, its versionId dropped ("meta":{})
        versioned.setName("Versioned");
        a.addContained(guarantor);
        a.addContained(org);
        a.addContained(versioned);
        a.addCoverage().setCoverage(new Reference("#org-2"));
        a.addGuarantor().setParty(new Reference("#gt1"));
        a.addGuarantor().setParty(new Reference("#org-1"));
        a.setOwner(new Reference("#org-1"));
        a.setStatus(Account.AccountStatus.ACTIVE);
        assertNative("contained", a);
        assertThat(FhirJsonWriter.encode(a)).contains("\"contained\":[{\"resourceType\":\"Patient\",\"id\":\"gt1\"");
        Bundle b = new Bundle().setType(Bundle.BundleType.COLLECTION);
        b.addEntry().setFullUrl(a.getIdElement().getValue()).setResource(a);
        assertNative("contained in a bundle entry", b);
    }

    @Test
    void bundleWithEntriesOfAllKinds() {
        Bundle b = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        b.setId("bundle-1");
        b.setTimestampElement(new InstantType("2026-01-02T03:04:05Z"));
        b.setTotal(2);
        b.addLink().setRelation("self").setUrl("http://x/Bundle/1");
        Patient p = new Patient();
        p.setId("urn:uuid:aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee");
        p.setActive(true);
        b.addEntry().setFullUrl(p.getId()).setResource(p).getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        Patient withVersion = new Patient();
        withVersion.setId("http://x/fhir/Patient/2/_history/5");
        withVersion.setActive(false);
        b.addEntry().setFullUrl("http://x/fhir/Patient/2").setResource(withVersion).getResponse().setStatus("200 OK")
                .setOutcome(new OperationOutcome().addIssue(new OperationOutcome.OperationOutcomeIssueComponent()
                        .setSeverity(OperationOutcome.IssueSeverity.INFORMATION).setCode(OperationOutcome.IssueType.INFORMATIONAL)));
        b.addEntry().setFullUrl("urn:uuid:no-resource").getSearch().setScore(0.5);
        Patient noId = new Patient();
        noId.setActive(true);
        b.addEntry().setFullUrl("urn:uuid:cccccccc-bbbb-cccc-dddd-eeeeeeeeeeee").setResource(noId);
        b.getSignature().addType(new Coding("urn:iso-astm:E1762-95:2013", "1.2.840.10065.1.12.1.1", null)).setWhen(new Date(0))
                .setWho(new Reference("Practitioner/1/_history/1")).setDataElement(new Base64BinaryType("SGVsbG8="));
        assertNative("bundle", b);
        Bundle nested = new Bundle().setType(Bundle.BundleType.COLLECTION);
        nested.addEntry().setResource(b);
        assertNative("bundle in bundle", nested);
    }

    @Test
    void parametersWithResourcesAndValues() {
        Parameters params = new Parameters();
        params.addParameter().setName("resource").setResource(new Patient().setActive(true));
        params.addParameter().setName("meta").setValue(new Meta().addProfile("http://p"));
        params.addParameter().setName("n").setValue(new IntegerType(4)).addPart().setName("inner").setValue(new StringType("x"));
        assertNative("parameters", params);
    }

    @Test
    void narrativeStatusAloneIsNativeButDivFallsBack() {
        Patient p = new Patient();
        p.getText().setStatus(Narrative.NarrativeStatus.GENERATED);
        p.setActive(true);
        assertNative("narrative status only", p);
        p.getText().setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Hello &amp; <b>bye</b></p></div>");
        assertFallsBack("narrative div", p, "narrative xhtml");
    }

    @Test
    void emptyElementsAreLeftOut() {
        Claim c = new Claim();
        c.getType();
        c.getPatient();
        c.getBillablePeriod().getStartElement();
        c.addIdentifier();
        c.addIdentifier().setValue("second");
        c.addItem().getProductOrService().addCoding();
        c.addDiagnosis();
        c.getTotal();
        c.getMeta();
        assertNative("empty elements", c);
        assertThat(FhirJsonWriter.encode(c)).isEqualTo(
                "{\"resourceType\":\"Claim\",\"identifier\":[{\"value\":\"second\"}]}");
        assertNative("empty resource", new Patient());
    }

    // ------------------------------------------------------------------ fallbacks

    @Test
    void referenceToAnUnidentifiedResourceFallsBackToHapiAutoContain() {
        Claim c = new Claim();
        c.setStatus(Claim.ClaimStatus.ACTIVE);
        Patient p = new Patient();
        p.addName().setFamily("Contained");
        c.getPatient().setResource(p);
        assertThat(FhirJsonWriter.fallbackReason(c)).isEqualTo("reference with a resource object to contain");
        String fast = FhirJsonWriter.encode(c); // HAPI contains p under a random id, in place
        assertThat(fast).contains("\"contained\":[{\"resourceType\":\"Patient\"");
        assertThat(fast).isEqualTo(FhirR4.json().encodeResourceToString(c));

        Claim withId = new Claim();
        Patient identified = new Patient();
        identified.setId("Patient/42");
        withId.getPatient().setResource(identified);
        assertFallsBack("reference to an identified resource object", withId, "reference with a resource object and no text");
        assertThat(FhirJsonWriter.encode(withId)).contains("\"reference\":\"Patient/42\"");
    }

    private static Reference ref(String text, Resource target) {
        Reference r = new Reference(text);
        r.setResource(target);
        return r;
    }

    @Test
    void referencesCarryingTheirTargetLikeParsedOnes() {
        Patient pat = new Patient();
        pat.setId("123");
        pat.setActive(true);
        Patient urnPat = new Patient();
        urnPat.setId("urn:uuid:99999999-2222-3333-4444-555555555555");
        Claim c = new Claim();
        c.setPatient(ref("123", pat)); // HAPI adds the type: Patient/123
        c.setEnterer(ref(urnPat.getId(), urnPat));
        Practitioner prac = new Practitioner().setActive(true);
        prac.setId("Practitioner/5");
        c.setProvider(ref("Practitioner/5/_history/2", prac));
        assertNative("targets with ids", c);
        assertThat(FhirJsonWriter.encode(c)).contains("\"reference\":\"Patient/123\"").contains("\"reference\":\"Practitioner/5\"");

        Claim local = new Claim();
        Patient contained = new Patient();
        contained.setId("pat");
        local.addContained(contained.setActive(true));
        local.setPatient(ref("#pat", contained));
        assertNative("parsed local reference", local);

        Bundle b = new Bundle().setType(Bundle.BundleType.COLLECTION);
        b.addEntry().setResource(local);
        Claim other = new Claim();
        other.setPatient(ref("Patient/pat", contained));
        b.addEntry().setResource(other);
        assertFallsBack("target contained by an earlier entry", b, "reference to a resource contained elsewhere");
    }

    @Test
    void otherUnsupportedConstructsFallBack() {
        Patient dangling = new Patient();
        dangling.setManagingOrganization(new Reference("#nope"));
        assertFallsBack("dangling local reference", dangling, "dangling local reference");

        Patient noIdContained = new Patient();
        noIdContained.addContained(new Organization().setName("no id"));
        noIdContained.setActive(true);
        assertThat(FhirJsonWriter.fallbackReason(noIdContained)).isEqualTo("contained resource without id, with a #id or twice");

        Patient hashId = new Patient();
        Organization o = new Organization();
        o.setId("#o1");
        hashId.addContained(o.setName("hash"));
        hashId.setManagingOrganization(new Reference("#o1"));
        assertFallsBack("contained id with #", hashId, "contained resource without id, with a #id or twice");

        Patient subOnlyUrl = new Patient();
        subOnlyUrl.addExtension().setUrl("http://x/parent").addExtension().setUrl("http://x/child-without-value");
        assertFallsBack("sub-extension without value", subOnlyUrl, "extension with neither or both of value and sub-extensions");

        Patient idExt = new Patient();
        idExt.setId("x1");
        idExt.getIdElement().addExtension("http://x/id-ext", new StringType("e"));
        assertFallsBack("id with an extension", idExt, "resource id with extensions");

        Patient comment = new Patient();
        comment.setActive(true);
        comment.getActiveElement().getFormatCommentsPre().add("an XML comment");
        assertFallsBack("format comment", comment, "format comment");

        Bundle emptyEntry = new Bundle().setType(Bundle.BundleType.COLLECTION);
        emptyEntry.addEntry().setFullUrl("urn:uuid:dddddddd-bbbb-cccc-dddd-eeeeeeeeeeee").setResource(new Patient());
        assertFallsBack("empty entry resource (HAPI gives it the urn id)", emptyEntry, "empty nested resource");
    }

    @Test
    void nullsInListsAreSkippedOrLeftToHapi() {
        Claim c = new Claim();
        c.getItem().add(null); // HAPI skips null values
        c.addItem().setSequence(1);
        assertNative("null item", c);
        Patient p = new Patient();
        p.getBirthDateElement().setValueAsString("2000-01-01");
        p.getBirthDateElement().getExtension().add(null); // HAPI fails on it: so does the writer, through HAPI
        assertThat(FhirJsonWriter.fallbackReason(p)).startsWith("unexpected java.lang.NullPointerException");
        assertThatThrownBy(() -> FhirR4.json().encodeResourceToString(p)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> FhirJsonWriter.encode(p)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void nonDefaultContextSettingsFallBack() {
        var options = FhirR4.context().getParserOptions();
        Patient p = new Patient();
        p.setManagingOrganization(new Reference("Organization/1/_history/2"));
        assertThat(FhirJsonWriter.fallbackReason(p)).isNull();
        options.setStripVersionsFromReferences(false);
        try {
            assertFallsBack("versions kept in references", p, "non-default HAPI settings");
        } finally {
            options.setStripVersionsFromReferences(true);
        }
        assertThat(FhirJsonWriter.fallbackReason(p)).isNull();
    }

    // ------------------------------------------------------------------ a Claim with every element

    @Test
    void claimWithEveryElement() {
        assertNative("full claim", fullClaim());
        Bundle b = new Bundle().setType(Bundle.BundleType.COLLECTION);
        Claim c = fullClaim();
        b.addEntry().setFullUrl("urn:uuid:claim").setResource(c);
        assertNative("full claim in bundle", b);
    }

    private static CodeableConcept cc(String system, String code) {
        return new CodeableConcept(new Coding(system, code, code + " display")).setText(code);
    }

    private static Claim fullClaim() {
        Claim c = new Claim();
        c.setId("Claim/full-1/_history/1");
        c.getMeta().addProfile("http://hl7.org/fhir/us/carin-bb/StructureDefinition/C4BB-Claim").setLastUpdated(new Date(1_000));
        c.setImplicitRules("http://rules");
        c.setLanguage("en-US");
        Practitioner contained = new Practitioner();
        contained.setId("prac");
        contained.addName().setFamily("Welby").addGiven("Marcus");
        c.addContained(contained);
        c.addExtension("http://x/claim", new StringType("ext"));
        c.addModifierExtension(new Extension("http://x/claim-mod", new BooleanType(false)));
        c.addIdentifier().setSystem("urn:oid:2.16.840.1").setValue("CLM-1").setUse(Identifier.IdentifierUse.OFFICIAL)
                .setType(cc("http://terminology.hl7.org/CodeSystem/v2-0203", "FILL")).setPeriod(new Period().setStart(new Date(0)))
                .setAssigner(new Reference("Organization/1"));
        c.setStatus(Claim.ClaimStatus.ACTIVE);
        c.setType(cc("http://terminology.hl7.org/CodeSystem/claim-type", "professional"));
        c.setSubType(cc("http://x/subtype", "ortho"));
        c.setUse(Claim.Use.CLAIM);
        c.setPatient(new Reference("urn:uuid:pat-1").setDisplay("Pat"));
        c.setBillablePeriod(new Period().setStartElement(new DateTimeType("2025-11-03")).setEndElement(new DateTimeType("2025-11-04T10:00:00-05:00")));
        c.setCreatedElement(new DateTimeType("2025-11-05T08:00:00Z"));
        c.setEnterer(new Reference("#prac"));
        c.setInsurer(new Reference("Organization/payer").setType("Organization"));
        c.setProvider(new Reference("Practitioner/2/_history/7"));
        c.setPriority(cc("http://terminology.hl7.org/CodeSystem/processpriority", "normal"));
        c.setFundsReserve(cc("http://terminology.hl7.org/CodeSystem/fundsreserve", "none"));
        c.addRelated().setClaim(new Reference("Claim/orig")).setRelationship(cc("http://x/rel", "prior"))
                .setReference(new Identifier().setValue("ORIG-1"));
        c.setPrescription(new Reference("MedicationRequest/rx1"));
        c.setOriginalPrescription(new Reference("MedicationRequest/rx0"));
        c.getPayee().setType(cc("http://terminology.hl7.org/CodeSystem/payeetype", "provider")).setParty(new Reference("Practitioner/2"));
        c.setReferral(new Reference("ServiceRequest/ref"));
        c.setFacility(new Reference("Location/loc"));
        c.addCareTeam().setSequence(1).setProvider(new Reference("#prac")).setResponsible(true).setRole(cc("http://x/role", "primary"))
                .setQualification(cc("http://x/qual", "md"));
        c.addSupportingInfo().setSequence(1).setCategory(cc("http://x/info", "onset")).setCode(cc("http://x/code", "c"))
                .setTiming(new DateType("2025-10-01")).setValue(new StringType("since October")).setReason(cc("http://x/reason", "r"));
        c.addSupportingInfo().setSequence(2).setCategory(cc("http://x/info", "period")).setTiming(new Period().setStart(new Date(0)))
                .setValue(new Quantity().setValue(new BigDecimal("3.0")).setUnit("d").setSystem("http://unitsofmeasure.org").setCode("d")
                        .setComparator(Quantity.QuantityComparator.LESS_THAN));
        c.addSupportingInfo().setSequence(3).setCategory(cc("http://x/info", "att")).setValue(new Attachment().setContentType("text/plain")
                .setTitle("t"));
        c.addSupportingInfo().setSequence(4).setCategory(cc("http://x/info", "ref")).setValue(new Reference("DocumentReference/d"));
        c.addSupportingInfo().setSequence(5).setCategory(cc("http://x/info", "bool")).setValue(new BooleanType(true));
        c.addDiagnosis().setSequence(1).setDiagnosis(cc("http://hl7.org/fhir/sid/icd-10-cm", "J189")).addType(cc("http://x/dxtype", "principal"))
                .setOnAdmission(cc("http://x/poa", "y")).setPackageCode(cc("http://x/drg", "193"));
        c.addDiagnosis().setSequence(2).setDiagnosis(new Reference("Condition/c2"));
        c.addProcedure().setSequence(1).addType(cc("http://x/proctype", "primary")).setDate(new Date(0))
                .setProcedure(cc("http://www.cms.gov/Medicare/Coding/ICD10", "0DTJ4ZZ")).addUdi(new Reference("Device/d1"));
        c.addProcedure().setSequence(2).setProcedure(new Reference("Procedure/p2"));
        c.addInsurance().setSequence(1).setFocal(true).setIdentifier(new Identifier().setValue("INS")).setCoverage(new Reference("urn:uuid:cov"))
                .setBusinessArrangement("BA").addPreAuthRef("PA1").addPreAuthRef("PA2").setClaimResponse(new Reference("ClaimResponse/cr"));
        c.getAccident().setDate(new Date(0)).setType(cc("http://terminology.hl7.org/CodeSystem/v3-ActCode", "MVA")).setLocation(new Address()
                .setCity("Springfield").setState("IL").setPostalCode("62701").addLine("1 Main").setUse(Address.AddressUse.WORK));
        Claim.ItemComponent item = c.addItem().setSequence(1);
        item.addCareTeamSequence(1).addDiagnosisSequence(1).addDiagnosisSequence(2).addProcedureSequence(1).addInformationSequence(1);
        item.setRevenue(cc("http://x/rev", "0450")).setCategory(cc("http://x/cat", "1")).setProductOrService(cc("http://www.ama-assn.org/go/cpt", "99213"))
                .addModifier(cc("http://x/mod", "25")).addModifier(cc("http://x/mod", "59")).addProgramCode(cc("http://x/prog", "none"))
                .setServiced(new DateType("2025-11-03")).setLocation(cc("https://www.cms.gov/pos", "11"))
                .setQuantity(new SimpleQuantity().setValue(1)).setUnitPrice(new Money().setValue(new BigDecimal("145.00")).setCurrency("USD"))
                .setFactor(new BigDecimal("1.0")).setNet(new Money().setValue(new BigDecimal("145.00")).setCurrency("USD"))
                .addUdi(new Reference("Device/d2")).setBodySite(cc("http://x/site", "arm")).addSubSite(cc("http://x/sub", "left"))
                .addEncounter(new Reference("urn:uuid:enc"));
        Claim.DetailComponent detail = item.addDetail().setSequence(1).setRevenue(cc("http://x/rev", "0451")).setCategory(cc("http://x/cat", "2"))
                .setProductOrService(cc("http://x/cpt", "A0001")).addModifier(cc("http://x/mod", "GT")).addProgramCode(cc("http://x/prog", "p"))
                .setQuantity(new SimpleQuantity().setValue(2)).setUnitPrice(new Money().setValue(new BigDecimal("10.10")))
                .setFactor(new BigDecimal("0.5")).setNet(new Money().setValue(new BigDecimal("10.10"))).addUdi(new Reference("Device/d3"));
        detail.addSubDetail().setSequence(1).setRevenue(cc("http://x/rev", "0452")).setCategory(cc("http://x/cat", "3"))
                .setProductOrService(cc("http://x/cpt", "A0002")).addModifier(cc("http://x/mod", "76")).addProgramCode(cc("http://x/prog", "q"))
                .setQuantity(new SimpleQuantity().setValue(3)).setUnitPrice(new Money().setValue(new BigDecimal("1.01")))
                .setFactor(new BigDecimal("2")).setNet(new Money().setValue(new BigDecimal("3.03"))).addUdi(new Reference("Device/d4"));
        Claim.ItemComponent item2 = c.addItem().setSequence(2).setProductOrService(cc("http://x/cpt", "81002"));
        item2.setServiced(new Period().setStart(new Date(0)).setEnd(new Date(86_400_000))).setLocation(new Address().setCity("Town"));
        Claim.ItemComponent item3 = c.addItem().setSequence(3).setProductOrService(cc("http://x/cpt", "J3490"));
        item3.setLocation(new Reference("Location/l3"));
        c.setTotal(new Money().setValue(new BigDecimal("300.33")).setCurrency("USD"));
        return c;
    }

    @Test
    void resourcesOfOtherTypes() {
        MedicationRequest mr = new MedicationRequest();
        mr.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE).setIntent(MedicationRequest.MedicationRequestIntent.ORDER)
                .setMedication(cc("http://rxnorm", "123")).setSubject(new Reference("Patient/1"));
        mr.addDosageInstruction().setText("1 tab").setTiming(new Timing().setRepeat(new Timing.TimingRepeatComponent().setFrequency(2)
                .setPeriod(1).setPeriodUnit(Timing.UnitsOfTime.D))).addDoseAndRate().setDose(new SimpleQuantity().setValue(1));
        mr.getDosageInstructionFirstRep().addModifierExtension(new Extension("http://x/dosage-mod", new StringType("m")));
        assertNative("medication request", mr);
        Coverage cov = new Coverage();
        cov.setStatus(Coverage.CoverageStatus.ACTIVE).setBeneficiary(new Reference("Patient/1")).addPayor(new Reference("Organization/1"));
        cov.addClass_().setType(cc("http://x/class", "group")).setValue("G1").setName("Group");
        cov.addCostToBeneficiary().setValue(new Money().setValue(20));
        assertNative("coverage", cov);
    }

    @Test
    void threadsShareTheCaches() throws Exception {
        List<Supplier<IBaseResource>> makers = List.of(FhirJsonWriterTest::fullClaim, () -> Samples.HL7.toCodedEncounter(
                wire(Path.of("src/test/resources/hl7/delivery/office_a04.hl7")), null).toBundle());
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            Thread th = new Thread(() -> {
                try {
                    for (int i = 0; i < 50; i++) {
                        IBaseResource r = makers.get(i % makers.size()).get();
                        String fast = FhirJsonWriter.encode(r);
                        assertThat(fast).isEqualTo(FhirR4.json().encodeResourceToString(r));
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        assertThat(errors).isEmpty();
    }
}
