package io.claimbridge.security;

import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code claimbridge.security.tokens}: the API tokens. Each has a name (shown in claim events and
 * logs), either {@code sha256} (hex digest of the token, safe to keep in git) or {@code token}
 * (the token itself, meant for {@code ${ENV_VAR}}), and its roles. None configured: a token is
 * generated into the data dir (see {@link GeneratedTokenFile}).
 */
@ConfigurationProperties("claimbridge.security")
public record TokenProperties(List<Entry> tokens) {
    public TokenProperties {
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
    }

    public record Entry(String name, String sha256, String token, Set<Role> roles) {
        public Entry {
            roles = roles == null ? Set.of() : Set.copyOf(roles);
        }

        /** Without the token: records print every component, and this one may end up in a log. */
        @Override
        public String toString() {
            return "Entry[name=" + name + ", roles=" + roles + "]";
        }
    }
}
