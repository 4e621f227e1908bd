package io.claimbridge.coding.edit;

/**
 * NPI check digit: Luhn over the 9-digit base prefixed with 80840 (the ISO 7812 health-industry
 * prefix), i.e. Luhn on the base digits plus the constant 24 that the prefix contributes.
 */
public final class NpiCheck {
    private NpiCheck() {
    }

    public static boolean valid(String npi) {
        if (npi == null || npi.length() != 10) {
            return false;
        }
        int sum = 24;
        for (int i = 8; i >= 0; i--) {
            char c = npi.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            int d = c - '0';
            if ((8 - i) % 2 == 0) { // rightmost base digit is doubled
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        char last = npi.charAt(9);
        return last >= '0' && last <= '9' && (10 - sum % 10) % 10 == last - '0';
    }
}
