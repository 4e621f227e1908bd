package io.claimbridge.delivery.x12;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The codes N402 may carry (X12 code source 22, States and Provinces): US states, DC, territories
 * and military "states", and Canadian provinces and territories, each with its name so a state
 * written out ("North Carolina") finds its code instead of being cut to "NO".
 */
// Source: USPS Publication 28, appendix B (states, territories, AA/AE/AP); Canada Post addressing guidelines.
enum StateOrProvince {
    AL("Alabama"), AK("Alaska"), AZ("Arizona"), AR("Arkansas"), CA("California"), CO("Colorado"),
    CT("Connecticut"), DE("Delaware"), DC("District of Columbia"), FL("Florida"), GA("Georgia"), HI("Hawaii"),
    ID("Idaho"), IL("Illinois"), IN("Indiana"), IA("Iowa"), KS("Kansas"), KY("Kentucky"), LA("Louisiana"),
    ME("Maine"), MD("Maryland"), MA("Massachusetts"), MI("Michigan"), MN("Minnesota"), MS("Mississippi"),
    MO("Missouri"), MT("Montana"), NE("Nebraska"), NV("Nevada"), NH("New Hampshire"), NJ("New Jersey"),
    NM("New Mexico"), NY("New York"), NC("North Carolina"), ND("North Dakota"), OH("Ohio"), OK("Oklahoma"),
    OR("Oregon"), PA("Pennsylvania"), RI("Rhode Island"), SC("South Carolina"), SD("South Dakota"),
    TN("Tennessee"), TX("Texas"), UT("Utah"), VT("Vermont"), VA("Virginia"), WA("Washington"),
    WV("West Virginia"), WI("Wisconsin"), WY("Wyoming"),
    PR("Puerto Rico"), VI("Virgin Islands"), GU("Guam"), AS("American Samoa"), MP("Northern Mariana Islands"),
    AA("Armed Forces Americas"), AE("Armed Forces Europe"), AP("Armed Forces Pacific"),
    AB("Alberta", true), BC("British Columbia", true), MB("Manitoba", true), NB("New Brunswick", true),
    NL("Newfoundland and Labrador", true), NS("Nova Scotia", true), NT("Northwest Territories", true),
    NU("Nunavut", true), ON("Ontario", true), PE("Prince Edward Island", true), QC("Quebec", true),
    SK("Saskatchewan", true), YT("Yukon", true);

    private static final Map<String, StateOrProvince> BY_CODE_OR_NAME = new HashMap<>();

    static {
        for (StateOrProvince s : values()) {
            BY_CODE_OR_NAME.put(s.name(), s);
            BY_CODE_OR_NAME.put(key(s.fullName), s);
        }
    }

    private final String fullName;
    private final boolean canadian;

    StateOrProvince(String fullName) {
        this(fullName, false);
    }

    StateOrProvince(String fullName, boolean canadian) {
        this.fullName = fullName;
        this.canadian = canadian;
    }

    /** The N402 code for a code or name (any case, extra spaces ignored) of the country's list. */
    static Optional<StateOrProvince> find(String codeOrName, boolean canada) {
        StateOrProvince s = codeOrName == null ? null : BY_CODE_OR_NAME.get(key(codeOrName));
        return s != null && s.canadian == canada ? Optional.of(s) : Optional.empty();
    }

    String code() {
        return name();
    }

    private static String key(String s) {
        return String.join(" ", s.trim().split("\\s+")).toUpperCase(Locale.ROOT);
    }
}
