package io.claimbridge.security;

import java.util.Collection;
import java.util.Set;

import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** Who a request authenticated as: the token's configured name and roles (never the token itself). */
public record ApiClient(String name, Set<Role> roles) implements AuthenticatedPrincipal {
    public ApiClient {
        roles = Set.copyOf(roles);
    }

    @Override
    public String getName() {
        return name;
    }

    /** The granted roles, with those they imply (write grants read). */
    Collection<GrantedAuthority> authorities() {
        return Role.withImplied(roles).stream()
                .map(r -> (GrantedAuthority) new SimpleGrantedAuthority(r.authority())).toList();
    }

    /** The actor written into claim events: the person named by the caller, and the token that vouched for it. */
    public String actor(String user) {
        return user + " (token " + name + ")";
    }
}
