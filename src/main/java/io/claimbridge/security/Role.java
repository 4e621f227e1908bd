package io.claimbridge.security;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a token may do. {@code read}: GET /api/** and the actuator beyond health; {@code write}:
 * changes through /api/** (and reads); {@code ingest}: the FHIR endpoint, every method.
 */
public enum Role {
    READ, WRITE, INGEST;

    /** The Spring Security authority, as the role is written in configuration ("read"). */
    public String authority() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The roles plus those they imply: whoever may change claims may also look at them. */
    static Set<Role> withImplied(Set<Role> roles) {
        Set<Role> all = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
        if (all.contains(WRITE)) {
            all.add(READ);
        }
        return all;
    }
}
