package io.claimbridge.security;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;

/** The token of an {@code Authorization: Bearer <token>} header (the scheme is case-insensitive, RFC 7235). */
final class BearerToken {
    private static final String SCHEME = "Bearer ";

    private BearerToken() {
    }

    static Optional<String> of(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return Optional.empty();
        }
        String token = header.substring(SCHEME.length()).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
