package io.claimbridge.normalize.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

class NpiTest {

    @Test
    void tenAsciiDigitsWithTheCheckDigit() {
        assertThat(Npi.isValid("1234567893")).isTrue();
        assertThat(Npi.isValid("1234567890")).isFalse();
        assertThat(Npi.isValid(null)).isFalse();
        Random rnd = new Random(5);
        String alphabet = "0123456789x ٣";
        for (int i = 0; i < 100_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int n = 8 + rnd.nextInt(4); n > 0; n--) {
                b.append(alphabet.charAt(rnd.nextInt(rnd.nextInt(10) == 0 ? alphabet.length() : 10)));
            }
            String s = b.toString();
            assertThat(Npi.isValid(s)).as(s).isEqualTo(s.matches("\\d{10}") && luhn(s));
        }
    }

    /** The check digit over "80840" + the first nine digits, written the other way round. */
    private static boolean luhn(String s) {
        String all = "80840" + s;
        int sum = 0;
        for (int i = 0; i < all.length(); i++) {
            int d = all.charAt(all.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }
}
