package io.claimbridge.normalize.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;
import org.junit.jupiter.api.Test;

import io.claimbridge.model.CodedEncounter;
import io.claimbridge.normalize.FhirR4;
import io.claimbridge.normalize.Samples;

class ConvertCommandTest {

    private final ConvertCommand convert = new ConvertCommand(Samples.MAPPINGS);

    @Test
    void hl7v2FileToPrettyCanonicalBundle() throws Exception {
        String json = convert.convert(Path.of("src/test/resources/hl7/dft_p03_v251.hl7"), null);
        assertThat(json).startsWith("{\n");
        Bundle b = FhirR4.json().parseResource(Bundle.class, json);
        assertThat(b.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
        CodedEncounter ce = CodedEncounter.fromBundle(b);
        assertThat(ce.claim().getItem()).hasSize(3);
        assertThat(ce.encounter().getIdentifierFirstRep().getValue()).isEqualTo("V100234");
    }

    @Test
    void batchFileGivesOneBundlePerMessage() throws Exception {
        String json = convert.convert(Path.of("src/test/resources/hl7/batch_two_messages.hl7"), "GENERAL_HOSPITAL");
        Bundle b = FhirR4.json().parseResource(Bundle.class, json);
        assertThat(b.getEntry()).hasSize(2);
        Claim second = CodedEncounter.fromBundle((Bundle) b.getEntry().get(1).getResource()).claim();
        assertThat(second.getDiagnosis()).hasSize(4);
    }

    @Test
    void fhirFileDetectedByContent() throws Exception {
        String json = convert.convert(Path.of("src/test/resources/fhir/encounter_transaction_bundle.json"), "GENERAL_HOSPITAL");
        CodedEncounter ce = CodedEncounter.fromBundle(FhirR4.json().parseResource(Bundle.class, json));
        assertThat(ce.encounter().getIdentifier()).anySatisfy(i -> assertThat(i.getValue()).isEqualTo("HSP-88001"));
    }

    @Test
    void unknownFormatIsRefused() {
        assertThatThrownBy(() -> convert.convert("ISA*00*...", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("neither HL7v2");
    }

    @Test
    void oneMessageIsFast() throws Exception {
        long t0 = System.nanoTime();
        new ConvertCommand(Path.of("mappings")).convert(Path.of("src/test/resources/hl7/adt_a01_v28.hl7"), null);
        assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(3000);
    }
}
