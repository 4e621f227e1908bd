package io.claimbridge.delivery.x12;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;

class X12ValuesTest {
    @Test
    void npiCheckDigit() {
        assertThat(Npi.isValid("1234567893")).isTrue();
        assertThat(Npi.isValid("1245319599")).isTrue();
        assertThat(Npi.isValid("1234567890")).isFalse();
        assertThat(Npi.isValid("123456789")).isFalse();
        assertThat(Npi.isValid("12345678a3")).isFalse();
    }

    @Test
    void formats() {
        assertThat(X12Values.amount(new BigDecimal("0.10"))).isEqualTo("0.1");
        assertThat(X12Values.amount(new BigDecimal("12"))).isEqualTo("12");
        assertThat(X12Values.date(LocalDate.of(2026, 1, 5))).isEqualTo("20260105");
        assertThat(X12Values.shortDate(LocalDate.of(2026, 1, 5))).isEqualTo("260105");
        assertThat(X12Values.dateTime(LocalDateTime.of(2026, 1, 5, 7, 9))).isEqualTo("202601050709");
        assertThat(X12Values.rangeOrDate(LocalDate.of(2026, 1, 5), LocalDate.of(2026, 1, 7)))
                .isEqualTo("20260105-20260107");
        assertThat(X12Values.zeroPad(17, 9)).isEqualTo("000000017");
        assertThat(X12Values.text("  José   María ", 60)).isEqualTo("JOSE MARIA");
        assertThat(X12Values.text("Zoë 北京", 60)).isEqualTo("ZOE");
        assertThat(X12Values.text("abcdef", 3)).isEqualTo("ABC");
        assertThat(X12Values.text("***", 10)).isNull();
    }
}
