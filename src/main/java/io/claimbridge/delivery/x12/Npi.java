package io.claimbridge.delivery.x12;

/**
 * NPI check digit: Luhn over the 10 digits prefixed with the card issuer prefix 80840
 * (CMS NPI standard). A typo in an NPI is the most common 837 rejection, so catch it here.
 */
final class Npi {
    private Npi() {
    }

    static boolean isValid(String npi) {
        if (npi == null || npi.length() != 10) {
            return false;
        }
        // Constant 24 = Luhn contribution of the "80840" prefix.
        int sum = 24;
        boolean doubleIt = true;
        for (int i = 8; i >= 0; i--) {
            char ch = npi.charAt(i);
            if (ch < '0' || ch > '9') {
                return false;
            }
            int d = ch - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        char last = npi.charAt(9);
        if (last < '0' || last > '9') {
            return false;
        }
        return (10 - sum % 10) % 10 == last - '0';
    }
}
