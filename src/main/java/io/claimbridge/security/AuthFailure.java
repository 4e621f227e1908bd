package io.claimbridge.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Why a request was refused, the same for the API (problem+json) and FHIR (OperationOutcome):
 * status, the {@code WWW-Authenticate} challenge of a 401 (RFC 6750) and a reason that names the
 * token, never its value.
 */
public record AuthFailure(int status, String challenge, String detail) {

    /** 401: no bearer token, or one that is not known. */
    public static AuthFailure unauthenticated(HttpServletRequest request) {
        return BearerToken.of(request).isPresent()
                ? new AuthFailure(401, "Bearer error=\"invalid_token\"", "unknown bearer token")
                : new AuthFailure(401, "Bearer", "a bearer token is required (Authorization: Bearer <token>)");
    }

    /** 403: a known token without the role this request needs. */
    public static AuthFailure forbidden() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof ApiClient client) {
            return new AuthFailure(403, null, "token " + client.name() + " (roles " + client.roles().stream()
                    .sorted().map(Role::authority).toList() + ") does not allow this request");
        }
        return new AuthFailure(403, null, "this token does not allow this request");
    }

    /** Sets WWW-Authenticate on a 401; a 403 has none. */
    public void addChallengeTo(HttpServletResponse response) {
        if (challenge != null) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
        }
    }
}
