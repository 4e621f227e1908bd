package io.claimbridge.delivery.x12;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class LineControlNumbersTest {

    @Test
    void aLineKeepsItsOneCarriableUniqueSourceId() {
        assertThat(LineControlNumbers.assign("CLM1", List.of(List.of("TX1"), List.of("TX2"))))
                .containsExactly("TX1", "TX2");
    }

    @Test
    void everyOtherLineGetsClaimIdAndLineNumber() {
        List<String> control = LineControlNumbers.assign("CLM1", List.of(
                List.of(),                      // source sent none
                List.of("TX2", "TX9"),          // netted from two charges
                List.of("A*B"),                 // element separator
                List.of("TX\u00e9"),            // non-ASCII
                List.of("x".repeat(51)),        // longer than REF02
                Arrays.asList((String) null),   // extension without a value
                List.of("   ")));
        assertThat(control).containsExactly("CLM1-1", "CLM1-2", "CLM1-3", "CLM1-4", "CLM1-5", "CLM1-6", "CLM1-7");
    }

    @Test
    void sharedOrLookalikeIdsFallBackSoNoTwoLinesShareOne() {
        List<String> control = LineControlNumbers.assign("C", List.of(
                List.of("DUP"), List.of("DUP"), List.of("C-1"), List.of(" T4 ")));
        assertThat(control).containsExactly("C-1", "C-2", "C-3", "T4").doesNotHaveDuplicates();
    }

    @Test
    void the999thLineOfTheLongestClaimIdStillFits() {
        List<List<String>> none = new ArrayList<>();
        for (int i = 0; i < ServiceLineReader.MAX_LINES_INSTITUTIONAL; i++) {
            none.add(List.of());
        }
        List<String> control = LineControlNumbers.assign("X".repeat(38), none);
        assertThat(control).doesNotHaveDuplicates().allMatch(c -> c.length() <= LineControlNumbers.MAX_LENGTH);
        assertThat(control.get(998)).endsWith("-999");
    }
}
