package io.claimbridge.normalize.hl7v2;

/** NPI check digit (Luhn over "80840" + first 9 digits), to recognise an NPI sent without a type code. */
public final class Npi {
    private Npi() {
    }

    public static boolean isValid(String s) {
        if (s == null || s.length() != 10) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false; // ten ASCII digits (what \d{10} matched), no regex per call
            }
        }
        String digits = "80840" + s.substring(0, 9);
        int sum = 0;
        boolean dbl = true;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (dbl) {
                d *= 2;
                if (d > 9) d -= 9;
            }
            sum += d;
            dbl = !dbl;
        }
        int check = (10 - sum % 10) % 10;
        return check == s.charAt(9) - '0';
    }
}
