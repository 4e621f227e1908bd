package io.claimbridge.delivery.x12;

import static io.claimbridge.delivery.x12.CanonicalValues.blank;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.regex.Pattern;

import org.hl7.fhir.r4.model.Address;

/**
 * A FHIR Address as the N3/N4 of one 837 loop, by the TR3's N4 rules: a US address (no country,
 * {@code US} or {@code USA}) carries a USPS state code in N402 and a 5- or 9-digit ZIP in N403; a
 * Canadian one its province code and postal code (N402, N403) and N404 {@code CA}; any other the
 * ISO 3166-1 alpha-2 country in N404 and its subdivision, when given, in N407 instead of N402.
 * A value that fits none of these is a reason, never a guess: a state cut to two letters is a
 * wrong address on a claim that otherwise looks valid.
 */
final class AddressReader {
    private static final Pattern ZIP = Pattern.compile("\\d{5}|\\d{9}");
    private static final Pattern CANADIAN_POSTAL_CODE = Pattern.compile("[A-Z]\\d[A-Z]\\d[A-Z]\\d");
    private static final Pattern SUBDIVISION = Pattern.compile("[A-Z0-9]{1,3}");
    private static final Pattern REGION_NAME = Pattern.compile("[\\p{L} .'-]{1,30}");
    private static final int MAX_POSTAL_CODE = 15;
    private static final String INCOMPLETE = " address (N3/N4 line, city, state, postal code) incomplete";
    /** ISO 3166-1 alpha-2 and alpha-3 codes → alpha-2 (HL7v2 XAD-6 sends alpha-3, e.g. USA). */
    private static final Map<String, String> COUNTRIES = countries();

    private AddressReader() {
    }

    /** What reading one address gave: the facts, or why there are none. */
    private record Outcome(ClaimFacts.Address address, String problem) {
        static Outcome problem(String problem) {
            return new Outcome(null, problem);
        }
    }

    /**
     * A required N3/N4 (2010AA, the subscriber when patient, 2010CA); null with the reason added when
     * it is incomplete or not valid.
     *
     * @param loop the 837 loop, named in the reasons ({@code 2010CA})
     * @param role who the address belongs to, as the other reasons call it ({@code patient})
     */
    static ClaimFacts.Address required(Address a, String loop, String role, List<String> reasons) {
        Outcome o = read(a, loop, role);
        if (o.problem() != null) {
            reasons.add(o.problem());
        }
        return o.address();
    }

    /**
     * A situational N3/N4 (2010BB payer): the first address when complete and valid, else null and
     * the segments are left out; a claim is never held back for an address the guide does not require.
     */
    static ClaimFacts.Address situational(List<Address> addresses, String loop, String role) {
        return addresses.isEmpty() ? null : read(addresses.get(0), loop, role).address();
    }

    private static Outcome read(Address a, String loop, String role) {
        if (a == null || a.getLine().isEmpty() || blank(a.getLine().get(0).getValue()) || blank(a.getCity())) {
            return Outcome.problem(role + INCOMPLETE);
        }
        String country = blank(a.getCountry()) ? "US" : a.getCountry().trim().toUpperCase(Locale.ROOT);
        String iso = COUNTRIES.get(country);
        if (iso == null) {
            return Outcome.problem(loop + " N404: country" + shown(a.getCountry()) + " is not an ISO 3166-1 country code");
        }
        String line1 = a.getLine().get(0).getValue();
        String line2 = a.getLine().size() > 1 ? a.getLine().get(1).getValue() : null;
        return switch (iso) {
            case "US", "CA" -> northAmerican(a, iso.equals("CA"), loop, role, line1, line2);
            default -> international(a, iso, loop, line1, line2);
        };
    }

    /** US and Canada: N402 state or province code and N403 postal code, both required. */
    private static Outcome northAmerican(Address a, boolean canada, String loop, String role, String line1,
                                         String line2) {
        if (blank(a.getState()) || blank(a.getPostalCode())) {
            return Outcome.problem(role + INCOMPLETE);
        }
        Optional<StateOrProvince> state = StateOrProvince.find(a.getState(), canada);
        if (state.isEmpty()) {
            return Outcome.problem(loop + " N402: " + (canada ? "province" : "state") + shown(a.getState())
                    + (canada ? " is not a Canadian province code or name" : " is not a US state code or name"));
        }
        String postal = a.getPostalCode().replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
        if (!(canada ? CANADIAN_POSTAL_CODE : ZIP).matcher(postal).matches()) {
            return Outcome.problem(loop + " N403: " + (canada ? "postal code must be A1A 1A1" : "ZIP must be 5 or 9 digits"));
        }
        return new Outcome(new ClaimFacts.Address(line1, line2, a.getCity(), state.get().code(), postal,
                canada ? "CA" : null, null), null);
    }

    /** Elsewhere: N404 country, N407 subdivision (ISO 3166-2, the part after the country) when given. */
    private static Outcome international(Address a, String iso, String loop, String line1, String line2) {
        String subdivision = null;
        if (!blank(a.getState())) {
            subdivision = a.getState().trim().toUpperCase(Locale.ROOT);
            if (subdivision.startsWith(iso + "-")) {
                subdivision = subdivision.substring(3);
            }
            if (!SUBDIVISION.matcher(subdivision).matches()) {
                return Outcome.problem(loop + " N407: subdivision" + shown(a.getState())
                        + " is not an ISO 3166-2 subdivision code (1-3 letters or digits)");
            }
        }
        String postal = blank(a.getPostalCode()) ? null : a.getPostalCode().trim();
        if (postal != null && postal.length() > MAX_POSTAL_CODE) {
            return Outcome.problem(loop + " N403: postal code longer than " + MAX_POSTAL_CODE + " characters");
        }
        return new Outcome(new ClaimFacts.Address(line1, line2, a.getCity(), null, postal, iso, subdivision), null);
    }

    /**
     * The value for a reason, quoted, only when it looks like a region name: a street line or a
     * ZIP sent in the wrong field would put an address into logs and work queues.
     */
    private static String shown(String value) {
        String v = value.trim();
        return REGION_NAME.matcher(v).matches() ? " '" + v + "'" : "";
    }

    private static Map<String, String> countries() {
        Map<String, String> m = new HashMap<>();
        for (String alpha2 : Locale.getISOCountries()) {
            m.put(alpha2, alpha2);
            try {
                m.put(new Locale("", alpha2).getISO3Country(), alpha2);
            } catch (MissingResourceException e) {
                // no alpha-3 known to this JDK: the alpha-2 code still works
            }
        }
        return Map.copyOf(m);
    }
}
