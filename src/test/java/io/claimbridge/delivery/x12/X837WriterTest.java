package io.claimbridge.delivery.x12;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import com.imsweb.x12.Loop;
import com.imsweb.x12.Segment;
import com.imsweb.x12.reader.X12Reader;
import io.claimbridge.model.CodedEncounter;
import io.claimbridge.normalize.FhirR4;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.junit.jupiter.api.Test;

class X837WriterTest {
    static final X12Envelope ENVELOPE = new X12Envelope("ZZ", "CLAIMBRIDGE", "ZZ", "CLEARHOUSE", "CLAIMBRIDGE",
            "CLEARHOUSE", X12Envelope.Usage.T, false,
            new X12Envelope.Submitter("Springfield General", "SUB01", "Billing Office", "217-555-0100", null),
            new X12Envelope.Receiver("Clearing House", "RCV01"));
    static final ControlNumbers CONTROL = new ControlNumbers(17, 5, 9, LocalDateTime.of(2026, 11, 23, 10, 5));

    private final X837Writer writer = new X837Writer(ZoneId.of("America/Chicago"));

    @Test
    void professionalClaimsParseBackWithoutErrors() {
        List<CodedEncounter> claims = List.of(
                ClaimFixture.professional().build(),
                ClaimFixture.professional().id("P2").dependent().replacementOf("ORIG-9", "ICN2026000123").build());
        X837Interchange out = writer.write(claims, null, ENVELOPE, CONTROL);
        assertThat(out.rejections()).isEmpty();

        X12Parsed parsed = X12Parsed.parse(out.bytes(), X12Reader.FileType.ANSI837_5010_X222);
        assertThat(parsed.errors()).isEmpty();

        Loop isa = parsed.interchange();
        assertThat(isa.getSegment("ISA").getElementValue("ISA13")).isEqualTo("000000017");
        assertThat(isa.getSegment("ISA").getElementValue("ISA15")).isEqualTo("T");
        assertThat(isa.getSegment("ISA").getElementValue("ISA06")).isEqualTo("CLAIMBRIDGE    ");
        assertThat(isa.getSegment("IEA").getElementValue("IEA01")).isEqualTo("1");
        assertThat(isa.getSegment("IEA").getElementValue("IEA02")).isEqualTo("000000017");
        Loop gs = isa.getLoop("GS_LOOP");
        assertThat(gs.getSegment("GS").getElementValue("GS06")).isEqualTo("5");
        assertThat(gs.getSegment("GS").getElementValue("GS08")).isEqualTo("005010X222A1");
        assertThat(gs.getSegment("GE").getElementValue("GE01")).isEqualTo("1");
        assertThat(gs.getSegment("GE").getElementValue("GE02")).isEqualTo("5");
        Loop st = gs.getLoop("ST_LOOP");
        assertThat(st.getSegment("ST").getElementValue("ST02")).isEqualTo("0009");
        assertThat(st.getSegment("SE").getElementValue("SE02")).isEqualTo("0009");
        assertThat(Integer.parseInt(st.getSegment("SE").getElementValue("SE01"))).isEqualTo(parsed.rawTransactionSize(0));

        List<Loop> clms = parsed.all("2300");
        assertThat(clms).hasSize(2);
        Segment clm = clms.get(0).getSegment("CLM");
        assertThat(clm.getElementValue("CLM01")).isEqualTo("CLM1001");
        assertThat(clm.getElementValue("CLM02")).isEqualTo("235.5");
        assertThat(clm.getElement("CLM05").getSubValues()).containsExactly("11", "B", "1");
        Segment hi = clms.get(0).getSegment("HI");
        assertThat(hi.getElementValue("HI01")).isEqualTo("ABK:J189");
        assertThat(hi.getElementValue("HI02")).isEqualTo("ABF:I10");
        assertThat(hi.getElementValue("HI03")).isEqualTo("ABF:E119");
        assertThat(clms.get(0).getLoop("2310B").getSegment("NM1").getElementValue("NM109")).isEqualTo(ClaimFixture.RENDERING_NPI);

        List<Loop> lines = clms.get(0).findLoop("2400");
        assertThat(lines).hasSize(2);
        Segment sv1 = lines.get(1).getSegment("SV1");
        assertThat(sv1.getElement("SV101").getSubValues()).containsExactly("HC", "71046", "26", "LT");
        assertThat(sv1.getElementValue("SV102")).isEqualTo("85.5");
        assertThat(sv1.getElementValue("SV103")).isEqualTo("UN");
        assertThat(sv1.getElementValue("SV104")).isEqualTo("1");
        // Pointers 1, 3, 2 are diagnosis sequences; HI order is the same here, so positions match.
        assertThat(sv1.getElement("SV107").getSubValues()).containsExactly("1", "3", "2");
        assertThat(lines.get(1).getSegment("DTP").getElementValue("DTP01")).isEqualTo("472");
        // REF*6R after DTP*472 (TR3 2400 order); no FT1-2 on these lines, so <CLM01>-<LX01>.
        assertThat(lines).extracting(l -> l.getSegments().stream().map(Segment::getId).toList())
                .containsOnly(List.of("LX", "SV1", "DTP", "REF"));
        assertThat(lines).extracting(l -> l.getSegment("REF").getElementValue("REF01")).containsOnly("6R");
        assertThat(lines).extracting(l -> l.getSegment("REF").getElementValue("REF02"))
                .containsExactly("CLM1001-1", "CLM1001-2");
        assertThat(clms.get(1).findLoop("2400")).extracting(l -> l.getSegment("REF").getElementValue("REF02"))
                .containsExactly("P2-1", "P2-2");

        // Replacement claim: frequency 7 + REF*F8, patient loop under the subscriber.
        Loop replacement = clms.get(1);
        assertThat(replacement.getSegment("CLM").getElement("CLM05").getSubValues()).containsExactly("11", "B", "7");
        assertThat(replacement.getSegment("REF").getElementValue("REF01")).isEqualTo("F8");
        // the payer's claim number of the original, not our own id of it
        assertThat(replacement.getSegment("REF").getElementValue("REF02")).isEqualTo("ICN2026000123");
        List<Loop> patients = parsed.all("2000C");
        assertThat(patients).hasSize(1);
        assertThat(patients.get(0).getSegment("PAT").getElementValue("PAT01")).isEqualTo("19");
        assertThat(patients.get(0).getLoop("2010CA").getSegment("NM1").getElementValue("NM101")).isEqualTo("QC");

        Loop billing = parsed.all("2010AA").get(0);
        assertThat(billing.getSegment("NM1").getElementValue("NM109")).isEqualTo(ClaimFixture.BILLING_NPI);
        assertThat(billing.getSegment("REF").getElementValue("REF02")).isEqualTo("371234567");
        assertThat(parsed.all("2010BB").get(0).getSegment("NM1").getElementValue("NM109")).isEqualTo("60054");
        // The payer has no address in the bundle: 2010BB N3/N4 are situational and left out.
        assertThat(parsed.all("2010BB").get(0).getSegments()).extracting(Segment::getId).containsExactly("NM1");

        assertThat(out.claims()).extracting(X837Interchange.RenderedClaim::claimId).containsExactly("CLM1001", "P2");
        assertThat(out.claims().get(0).transactionSet()).isEqualTo("0009");
        assertThat(out.nextGroupNumber()).isEqualTo(6);
        assertThat(out.nextTransactionNumber()).isEqualTo(10);
    }

    @Test
    void institutionalClaimParsesBackWithPoaProceduresAndRevenueCodes() {
        X837Interchange out = writer.write(List.of(ClaimFixture.institutional().id("INST1").build(),
                        ClaimFixture.institutional().id("INST2").replacementOf("INST0", "DCN-77-0001").build()),
                null, ENVELOPE, CONTROL);
        assertThat(out.rejections()).isEmpty();
        X12Parsed parsed = X12Parsed.parse(out.bytes(), X12Reader.FileType.ANSI837_5010_X223);
        // x12-parser 1.13 matches 837I HI segments by tag only (HI01 is a composite, so the ABK/ABJ/ABF/
        // BBR/BBQ qualifiers are not used to tell them apart) and counts all of them against the
        // principal-diagnosis HI's max use of 1. That one message per claim is its limitation, not
        // ours; the guide's per-qualifier limits are asserted below instead.
        assertThat(parsed.errors()).allMatch(e -> e.equals("HI in loop 2300 appears too many times"));
        assertThat(parsed.errors()).hasSize(2);

        Loop gs = parsed.interchange().getLoop("GS_LOOP");
        assertThat(gs.getSegment("GS").getElementValue("GS08")).isEqualTo("005010X223A2");
        Loop st = gs.getLoop("ST_LOOP");
        assertThat(Integer.parseInt(st.getSegment("SE").getElementValue("SE01"))).isEqualTo(parsed.rawTransactionSize(0));

        List<Loop> clms = parsed.all("2300");
        assertThat(clms).hasSize(2);
        Loop c = clms.get(0);
        Segment clm = c.getSegment("CLM");
        assertThat(clm.getElementValue("CLM01")).isEqualTo("INST1");
        assertThat(clm.getElementValue("CLM02")).isEqualTo("4032.75");
        assertThat(clm.getElement("CLM05").getSubValues()).containsExactly("11", "A", "1");
        assertThat(c.findSegment("DTP")).extracting(s -> s.getElementValue("DTP01")).containsExactly("096", "434", "435");
        assertThat(c.getSegment("CL1").getElementValue("CL103")).isEqualTo("01");

        List<String> hi = c.findSegment("HI").stream().flatMap(s -> s.getElements().stream())
                .map(e -> e.getValue()).toList();
        assertThat(hi).containsExactly("ABK:J189:::::::Y", "ABJ:R059", "ABF:I10:::::::Y", "ABF:N179:::::::N",
                "ABF:E119:::::::1", "BBR:5A1955Z:D8:20261102", "BBQ:0BH17EZ:D8:20261102");
        assertThat(c.getLoop("2310A").getSegment("NM1").getElementValue("NM101")).isEqualTo("71");

        List<Loop> lines = c.findLoop("2400");
        assertThat(lines).extracting(l -> l.getSegment("SV2").getElementValue("SV201"))
                .containsExactly("0120", "0324", "0636");
        Segment sv2 = lines.get(1).getSegment("SV2");
        assertThat(sv2.getElement("SV202").getSubValues()).containsExactly("HC", "71046", "26");
        assertThat(sv2.getElementValue("SV203")).isEqualTo("410.25");
        assertThat(lines.get(0).getSegment("SV2").getElementValue("SV205")).isEqualTo("3");
        // TR3 2400 order: REF*6R after SV2 and DTP*472.
        assertThat(lines).extracting(l -> l.getSegments().stream().map(Segment::getId).toList())
                .containsOnly(List.of("LX", "SV2", "DTP", "REF"));
        assertThat(lines).extracting(l -> l.getSegment("REF").getElementValue("REF01")).containsOnly("6R");
        assertThat(lines).extracting(l -> l.getSegment("REF").getElementValue("REF02"))
                .containsExactly("INST1-1", "INST1-2", "INST1-3");

        Loop replacement = clms.get(1);
        assertThat(replacement.getSegment("CLM").getElement("CLM05").getSubValues()).containsExactly("11", "A", "7");
        assertThat(replacement.getSegment("REF").getElementValue("REF02")).isEqualTo("DCN-77-0001");
    }

    @Test
    void outpatientInstitutionalClaimWithOneHiParsesBackWithNoErrorAtAll() {
        CodedEncounter outpatient = ClaimFixture.institutional().outpatient().clearDiagnoses()
                .diagnosis("R07.9", "principal", null).build();
        outpatient.claim().getProcedure().clear();
        X837Interchange out = writer.write(List.of(outpatient), X12Format.INSTITUTIONAL, ENVELOPE, CONTROL);
        assertThat(out.rejections()).isEmpty();
        X12Parsed parsed = X12Parsed.parse(out.bytes(), X12Reader.FileType.ANSI837_5010_X223);
        assertThat(parsed.errors()).isEmpty();
        Loop c = parsed.all("2300").get(0);
        assertThat(c.findSegment("DTP")).extracting(s -> s.getElementValue("DTP01")).containsExactly("434");
        assertThat(c.getSegment("CL1").getElementValue("CL101")).isEqualTo("1");
    }

    @Test
    void outpatientInstitutionalClaimWithoutAdmissionTypeSaysInformationNotAvailable() {
        CodedEncounter outpatient = ClaimFixture.institutional().outpatient().build();
        outpatient.encounter().setPriority(null);
        X837Interchange out = writer.write(List.of(outpatient), null, ENVELOPE, CONTROL);
        assertThat(out.rejections()).isEmpty();
        Loop c = X12Parsed.parse(out.bytes(), X12Reader.FileType.ANSI837_5010_X223).all("2300").get(0);
        // CL101 is required on every 837I; NUBC 9 = information not available, never an empty element.
        assertThat(c.getSegment("CL1").getElementValue("CL101")).isEqualTo("9");
    }

    @Test
    void lineControlNumbersKeepTheSourceTransactionIdWhenItIdentifiesOneLine() {
        // Line 1: its own FT1-2. Line 2: netted from two charges, so no single id.
        CodedEncounter professional = ClaimFixture.professional().id("P9")
                .sourceTransactions(1, "FT-1001").sourceTransactions(2, "FT-1002", "FT-1003").build();
        // Line 1 and 2 share an id (not unique), line 3's id holds a delimiter.
        CodedEncounter institutional = ClaimFixture.institutional().id("I9").outpatient()
                .sourceTransactions(1, "TX-7").sourceTransactions(2, "TX-7").sourceTransactions(3, "TX*8").build();
        X837Interchange p = writer.write(List.of(professional), null, ENVELOPE, CONTROL);
        X837Interchange i = writer.write(List.of(institutional), null, ENVELOPE, CONTROL);
        assertThat(p.rejections()).isEmpty();
        assertThat(i.rejections()).isEmpty();
        List<Loop> pLines = X12Parsed.parse(p.bytes(), X12Reader.FileType.ANSI837_5010_X222).all("2400");
        assertThat(pLines).extracting(l -> l.getSegment("REF").getElementValue("REF02")).containsExactly("FT-1001", "P9-2");
        X12Parsed parsed = X12Parsed.parse(i.bytes(), X12Reader.FileType.ANSI837_5010_X223);
        // x12-parser's one-HI limitation only (see above): nothing about the lines.
        assertThat(parsed.errors()).allMatch(e -> e.equals("HI in loop 2300 appears too many times"));
        List<Loop> iLines = parsed.all("2400");
        assertThat(iLines).extracting(l -> l.getSegment("REF").getElementValue("REF02")).containsExactly("I9-1", "I9-2", "I9-3");
        // Outpatient 837I lines: LX, SV2, DTP*472, then REF*6R.
        assertThat(iLines).extracting(l -> l.getSegments().stream().map(Segment::getId).toList())
                .containsOnly(List.of("LX", "SV2", "DTP", "REF"));
    }

    @Test
    void lineControlNumbersAreUniqueWithinAClaimAndTheSameBytesOnEveryRender() {
        // A source id that looks like a derived number must not make two lines share one.
        ClaimFixture f = ClaimFixture.professional().id("C5").sourceTransactions(2, "C5-1");
        for (int i = 0; i < 8; i++) {
            f.item("99213", new String[0], null, "10.00", 1, new int[] {1}, "11");
        }
        f.sourceTransactions(3, "T3").sourceTransactions(4, " T4 ").sourceTransactions(5, "x".repeat(51));
        CodedEncounter ce = f.build();
        CodedEncounter inst = ClaimFixture.institutional().id("C6").sourceTransactions(2, "TXD2").build();
        X837Interchange first = writer.write(List.of(ce, inst), null, ENVELOPE, CONTROL);
        assertThat(first.rejections()).isEmpty();

        List<String> control = new ArrayList<>();
        String text = new String(first.bytes(), StandardCharsets.US_ASCII);
        for (String segment : text.split("~")) {
            if (segment.startsWith("REF*6R*")) {
                control.add(segment.substring("REF*6R*".length()));
            }
        }
        assertThat(control).containsExactly("C5-1", "C5-2", "T3", "T4", "C5-5", "C5-6", "C5-7", "C5-8", "C5-9",
                "C5-10", "C6-1", "TXD2", "C6-3");
        assertThat(control).doesNotHaveDuplicates().allMatch(c -> c.length() <= LineControlNumbers.MAX_LENGTH);

        // The delivery worker re-renders from the stored bundle JSON: same facts, same bytes.
        List<CodedEncounter> reread = new ArrayList<>();
        for (CodedEncounter e : List.of(ce, inst)) {
            String json = FhirR4.json().encodeResourceToString(e.toBundle());
            reread.add(CodedEncounter.fromBundle(FhirR4.json().parseResource(Bundle.class, json)));
        }
        assertThat(writer.write(reread, null, ENVELOPE, CONTROL).bytes()).isEqualTo(first.bytes());
    }

    @Test
    void payerAddressGoesInto2010BBAfterNm1WhenComplete() {
        CodedEncounter withAddress = ClaimFixture.professional().id("A1")
                .payerAddress("PO Box 2291", "Durham", "NC", "27702-0001").build();
        CodedEncounter institutional = ClaimFixture.institutional().id("A2")
                .payerAddress("PO Box 2291", "Durham", "NC", "27702").build();
        // No street line: N3 cannot be written, so neither is N4; the claim still goes.
        CodedEncounter incomplete = ClaimFixture.professional().id("A3")
                .payerAddress(null, "Durham", "NC", "27702").build();
        X837Interchange out = writer.write(List.of(withAddress, institutional, incomplete), null, ENVELOPE, CONTROL);
        assertThat(out.rejections()).isEmpty();

        X12Parsed professional = X12Parsed.parse(out.bytes(), X12Reader.FileType.ANSI837_5010_X222);
        List<Loop> payers = professional.all("2010BB");
        Loop payer = payers.get(0);
        assertThat(payer.getSegments()).extracting(Segment::getId).containsExactly("NM1", "N3", "N4");
        assertThat(payer.getSegment("N3").getElementValue("N301")).isEqualTo("PO BOX 2291");
        assertThat(payer.getSegment("N4").getElementValue("N401")).isEqualTo("DURHAM");
        assertThat(payer.getSegment("N4").getElementValue("N402")).isEqualTo("NC");
        assertThat(payer.getSegment("N4").getElementValue("N403")).isEqualTo("277020001");
        String text = new String(out.bytes(), StandardCharsets.US_ASCII);
        assertThat(text).contains("~NM1*PR*2*ACME HEALTH PLAN*****PI*60054~N3*PO BOX 2291~N4*DURHAM*NC*27702~CLM*A2*")
                .contains("~NM1*PR*2*ACME HEALTH PLAN*****PI*60054~CLM*A3*");
    }

    @Test
    void institutionalHiQualifiersStayWithinTheGuideRepeatLimits() {
        ClaimFixture f = ClaimFixture.institutional();
        for (int i = 0; i < 20; i++) {
            f.diagnosis("S0" + (i % 10) + ".0" + (i / 10) + "XA", null, "Y");
        }
        X837Interchange out = writer.write(List.of(f.build()), null, ENVELOPE, CONTROL);
        assertThat(out.rejections()).isEmpty();
        String text = new String(out.bytes(), StandardCharsets.US_ASCII);
        assertThat(text.split("~HI\\*ABF:", -1)).hasSize(3); // 23 others → two HI segments (12 + 11)
        assertThat(text.split("~HI\\*ABK:", -1)).hasSize(2);
        assertThat(text.split("~HI\\*BBR:", -1)).hasSize(2);
    }

    @Test
    void professionalClaimWithTwoOtherCoveragesListsEachOtherPayerIn2320() {
        CodedEncounter cob = ClaimFixture.professional().id("COB1")
                .otherCoverage("Medicare Part B", "SMNC0", "1EG4TE5MK73", null, "self")
                .otherCoverage("Aetna", "60055", "W998877665", "G77002", "spouse").build();
        cob.coverages().get(1).setType(new CodeableConcept(new Coding(
                "https://x12.org/codes/claim-filing-indicator", "MB", null)));
        CodedEncounter single = ClaimFixture.professional().id("ONE").build();
        X12Parsed parsed = renderedWithoutErrors(X12Reader.FileType.ANSI837_5010_X222, cob, single);

        List<Loop> clms = parsed.all("2300");
        assertThat(clms.get(1).findLoop("2320")).as("one coverage: no other payer loop").isEmpty();
        assertThat(parsed.all("2000B").get(0).getSegment("SBR").getElementValue("SBR01")).isEqualTo("P");
        assertThat(parsed.all("2000B").get(1).getSegment("SBR").getElementValue("SBR03")).as("no group: empty").isNullOrEmpty();
        List<Loop> others = clms.get(0).findLoop("2320");
        assertThat(others).hasSize(2);

        Loop medicare = others.get(0);
        assertThat(medicare.getSegments()).extracting(Segment::getId).containsExactly("SBR", "OI");
        assertThat(medicare.getLoops()).extracting(Loop::getId).containsExactly("2330A", "2330B");
        Segment sbr = medicare.getSegment("SBR");
        assertThat(X12Parsed.element(sbr, 1)).isEqualTo("S");
        assertThat(X12Parsed.element(sbr, 2)).as("the patient is the insured").isEqualTo("18");
        assertThat(X12Parsed.element(sbr, 3)).isNullOrEmpty();
        assertThat(X12Parsed.element(sbr, 9)).isEqualTo("MB");
        Segment oi = medicare.getSegment("OI");
        assertThat(X12Parsed.element(oi, 1)).isNullOrEmpty();
        assertThat(X12Parsed.element(oi, 3)).isEqualTo("Y");
        assertThat(X12Parsed.element(oi, 6)).isEqualTo("Y");
        Loop insured = medicare.getLoop("2330A");
        assertThat(insured.getSegments()).extracting(Segment::getId).containsExactly("NM1", "N3", "N4");
        Segment nm1 = insured.getSegment("NM1");
        assertThat(List.of(1, 2, 3, 4, 5, 8, 9)).extracting(i -> X12Parsed.element(nm1, i))
                .containsExactly("IL", "1", "DOE", "JANE", "Q", "MI", "1EG4TE5MK73");
        assertThat(insured.getSegment("N4").getElementValue("N403")).isEqualTo("62701");
        Segment payer = medicare.getLoop("2330B").getSegment("NM1");
        assertThat(List.of(1, 2, 3, 8, 9)).extracting(i -> X12Parsed.element(payer, i))
                .containsExactly("PR", "2", "MEDICARE PART B", "PI", "SMNC0");
        assertThat(medicare.getLoop("2330B").getSegments()).extracting(Segment::getId).containsExactly("NM1");

        Loop aetna = others.get(1);
        Segment sbr2 = aetna.getSegment("SBR");
        assertThat(List.of(1, 2, 3, 9)).extracting(i -> X12Parsed.element(sbr2, i))
                .containsExactly("T", "01", "G77002", "CI");
        Loop spouse = aetna.getLoop("2330A");
        assertThat(List.of(3, 4, 9)).extracting(i -> X12Parsed.element(spouse.getSegment("NM1"), i))
                .containsExactly("DOE", "MARK", "W998877665");
        assertThat(spouse.getSegment("N3").getElementValue("N301")).isEqualTo("44 OAK RD");
        assertThat(spouse.getSegment("N4").getElementValue("N403")).isEqualTo("626291234");
        assertThat(X12Parsed.element(aetna.getLoop("2330B").getSegment("NM1"), 9)).isEqualTo("60055");

        // TR3 order: 2310B rendering provider, then the 2320s, then 2400; no adjudication segments.
        String text = parsed.text();
        String claim = text.substring(text.indexOf("~CLM*COB1*"), text.indexOf("~CLM*ONE*"));
        assertThat(claim).containsSubsequence("~NM1*82*", "~SBR*S*18*", "~OI***Y***Y", "~NM1*IL*1*DOE*JANE*Q***MI*1EG4TE5MK73",
                "~NM1*PR*2*MEDICARE PART B*****PI*SMNC0", "~SBR*T*01*G77002*", "~NM1*PR*2*AETNA*****PI*60055", "~LX*1~");
        assertThat(claim).doesNotContain("~AMT*").doesNotContain("~CAS*").doesNotContain("~DTP*573*");
        assertThat(Integer.parseInt(parsed.interchange().getLoop("GS_LOOP").getLoop("ST_LOOP").getSegment("SE")
                .getElementValue("SE01"))).isEqualTo(parsed.rawTransactionSize(0));
    }

    @Test
    void institutionalClaimWithAnOtherCoverageHasThe2320LoopAfterTheAttendingProvider() {
        CodedEncounter ce = ClaimFixture.institutional().id("ICOB").outpatient().clearDiagnoses()
                .diagnosis("R07.9", "principal", null)
                .otherCoverage("Medicare Part A", "SMNC0", "1EG4TE5MK73", null, "self").build();
        ce.claim().getProcedure().clear();
        X12Parsed parsed = renderedWithoutErrors(X12Reader.FileType.ANSI837_5010_X223, ce);
        List<Loop> others = parsed.all("2320");
        assertThat(others).hasSize(1);
        Loop other = others.get(0);
        assertThat(List.of(1, 2, 9)).extracting(i -> X12Parsed.element(other.getSegment("SBR"), i))
                .containsExactly("S", "18", "CI");
        // 837I OI has the 837P's shape: OI03 and OI06 only.
        Segment oi = other.getSegment("OI");
        assertThat(X12Parsed.element(oi, 3)).isEqualTo("Y");
        assertThat(X12Parsed.element(oi, 4)).isNullOrEmpty();
        assertThat(X12Parsed.element(oi, 6)).isEqualTo("Y");
        assertThat(X12Parsed.element(other.getLoop("2330A").getSegment("NM1"), 9)).isEqualTo("1EG4TE5MK73");
        assertThat(X12Parsed.element(other.getLoop("2330B").getSegment("NM1"), 3)).isEqualTo("MEDICARE PART A");
        assertThat(parsed.text()).containsSubsequence("~CLM*ICOB*", "~NM1*71*", "~SBR*S*18*******CI", "~OI***Y***Y",
                "~NM1*IL*1*", "~NM1*PR*2*MEDICARE PART A*****PI*SMNC0", "~LX*1~");
    }

    @Test
    void claimSentToTheSecondaryPayerListsThePrimaryIn2320() {
        CodedEncounter ce = ClaimFixture.professional().id("SEC1")
                .otherCoverage("Medicare Part B", "SMNC0", "1EG4TE5MK73", null, "self").build();
        ce.claim().getInsurance().get(0).setFocal(false);
        ce.claim().getInsurance().get(1).setFocal(true);
        ce.claim().setInsurer(ce.coverages().get(1).getPayorFirstRep().copy());
        X12Parsed parsed = renderedWithoutErrors(X12Reader.FileType.ANSI837_5010_X222, ce);
        Loop subscriber = parsed.all("2000B").get(0);
        assertThat(subscriber.getSegment("SBR").getElementValue("SBR01")).isEqualTo("S");
        assertThat(X12Parsed.element(subscriber.getLoop("2010BB").getSegment("NM1"), 9)).isEqualTo("SMNC0");
        Loop primary = parsed.all("2320").get(0);
        assertThat(primary.getSegment("SBR").getElementValue("SBR01")).isEqualTo("P");
        assertThat(X12Parsed.element(primary.getLoop("2330A").getSegment("NM1"), 9)).isEqualTo("W123456789");
        assertThat(X12Parsed.element(primary.getLoop("2330B").getSegment("NM1"), 9)).isEqualTo("60054");
    }

    @Test
    void largeBatchesSplitIntoSeveralTransactionSetsWithTheirOwnCounts() {
        X837Writer small = new X837Writer(ZoneId.of("America/Chicago"), 2);
        X837Interchange out = small.write(List.of(ClaimFixture.professional().id("A").build(),
                ClaimFixture.professional().id("B").build(), ClaimFixture.professional().id("C").dependent().build()),
                null, ENVELOPE, CONTROL);
        X12Parsed parsed = X12Parsed.parse(out.bytes(), X12Reader.FileType.ANSI837_5010_X222);
        assertThat(parsed.errors()).isEmpty();
        Loop gs = parsed.interchange().getLoop("GS_LOOP");
        assertThat(gs.getSegment("GE").getElementValue("GE01")).isEqualTo("2");
        List<Loop> sets = gs.findLoop("ST_LOOP");
        assertThat(sets).hasSize(2);
        for (int i = 0; i < 2; i++) {
            Loop st = sets.get(i);
            assertThat(st.getSegment("ST").getElementValue("ST02")).isEqualTo(i == 0 ? "0009" : "0010");
            assertThat(st.getSegment("SE").getElementValue("SE02")).isEqualTo(st.getSegment("ST").getElementValue("ST02"));
            assertThat(Integer.parseInt(st.getSegment("SE").getElementValue("SE01"))).isEqualTo(parsed.rawTransactionSize(i));
        }
        assertThat(out.claims()).extracting(X837Interchange.RenderedClaim::transactionSet)
                .containsExactly("0009", "0009", "0010");
        assertThat(out.nextTransactionNumber()).isEqualTo(11);
    }

    @Test
    void identifiersAreWrittenExactlyNotUpperCased() {
        CodedEncounter ce = ClaimFixture.professional().id("clm-77a").build();
        ce.coverages().get(0).setSubscriberId("w123abc");
        X837Interchange out = writer.write(List.of(ce), null, ENVELOPE, CONTROL);
        String text = new String(out.bytes(), StandardCharsets.US_ASCII);
        assertThat(text).contains("~CLM*clm-77a*").contains("*MI*w123abc~").contains("NM1*IL*1*DOE*JANE*Q");
    }

    @Test
    void institutionalDependentGetsAPatientLoopAndSecondaryCoverageSaysS() {
        CodedEncounter ce = ClaimFixture.institutional().outpatient().dependent().clearDiagnoses()
                .diagnosis("S52.501A", "principal", null).build();
        ce.claim().getProcedure().clear();
        ce.coverages().get(0).setOrder(2);
        X12Parsed parsed = renderedWithoutErrors(X12Reader.FileType.ANSI837_5010_X223, ce);
        Loop subscriber = parsed.all("2000B").get(0);
        assertThat(subscriber.getSegment("SBR").getElementValue("SBR01")).isEqualTo("S");
        assertThat(subscriber.getSegment("SBR").getElementValue("SBR02")).isEmpty();
        assertThat(subscriber.getSegment("HL").getElementValue("HL04")).isEqualTo("1");
        Loop patient = parsed.all("2000C").get(0);
        assertThat(patient.getSegment("PAT").getElementValue("PAT01")).isEqualTo("19");
        assertThat(patient.findLoop("2300")).hasSize(1);
        // Outpatient lines carry their service dates.
        assertThat(parsed.all("2400")).allSatisfy(l -> assertThat(l.getSegment("DTP")).isNotNull());
    }

    @Test
    void poaIsSentOnInpatientClaimsOnly() {
        CodedEncounter outpatient = ClaimFixture.institutional().outpatient().build();
        X837Interchange out = writer.write(List.of(outpatient), null, ENVELOPE, CONTROL);
        String text = new String(out.bytes(), StandardCharsets.US_ASCII);
        // No POA, no ABJ on an outpatient claim: the admitting code R05.9 stays as an other diagnosis.
        assertThat(text).contains("~HI*ABK:J189~").contains("~HI*ABF:R059*ABF:I10*ABF:N179*ABF:E119~")
                .doesNotContain(":::::::").doesNotContain("ABJ:");
    }

    @Test
    void mixedBatchGetsOneFunctionalGroupPerGuide() {
        X837Interchange out = writer.write(List.of(ClaimFixture.institutional().id("I1").build(),
                ClaimFixture.professional().id("P1").build(), ClaimFixture.professional().id("P2").build()),
                null, ENVELOPE, CONTROL);
        String text = new String(out.bytes(), StandardCharsets.US_ASCII);
        assertThat(text).contains("GS*HC*CLAIMBRIDGE*CLEARHOUSE*20261123*1005*5*X*005010X222A1~")
                .contains("GS*HC*CLAIMBRIDGE*CLEARHOUSE*20261123*1005*6*X*005010X223A2~")
                .contains("GE*1*5~").contains("GE*1*6~").endsWith("IEA*2*000000017~");
        assertThat(out.claims()).extracting(X837Interchange.RenderedClaim::claimId).containsExactly("P1", "P2", "I1");
        assertThat(out.claims()).extracting(X837Interchange.RenderedClaim::transactionSet)
                .containsExactly("0009", "0009", "0010");
        // Two claims of one billing provider share one 2000A HL.
        assertThat(text.split("HL\\*\\d+\\*\\*20\\*1~", -1)).hasSize(3);
    }

    @Test
    void sameClaimAsRequestedFormatOnlyWhenTypeMatches() {
        X837Interchange out = writer.write(List.of(ClaimFixture.institutional().build()),
                X12Format.PROFESSIONAL, ENVELOPE, CONTROL);
        assertThat(out.isEmpty()).isTrue();
        assertThat(out.rejections().get(0).reasons()).anyMatch(r -> r.contains("cannot be sent as 005010X222A1"));
    }

    /** Renders the claims (none rejected) and reads them back with x12-parser (no error at all). */
    private X12Parsed renderedWithoutErrors(X12Reader.FileType type, CodedEncounter... claims) {
        X837Interchange out = writer.write(List.of(claims), null, ENVELOPE, CONTROL);
        assertThat(out.rejections()).isEmpty();
        X12Parsed parsed = X12Parsed.parse(out.bytes(), type);
        assertThat(parsed.errors()).isEmpty();
        return parsed;
    }

    @Test
    void delimitersInNamesNeverReachTheFile() {
        assertThat(X12Values.text("O'Brien*Smith~:^ jr", 60)).isEqualTo("O'BRIEN SMITH JR");
        assertThat(X12Values.amount(new java.math.BigDecimal("150.00"))).isEqualTo("150");
        assertThat(X12Values.amount(new java.math.BigDecimal("1E+3"))).isEqualTo("1000");
    }
}
