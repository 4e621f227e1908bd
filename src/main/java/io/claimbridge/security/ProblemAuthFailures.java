package io.claimbridge.security;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 for the management API and the actuator, as {@code application/problem+json} like
 * every other API error. Logs method, path (no query: it may carry identifiers) and the reason.
 */
final class ProblemAuthFailures implements AuthenticationEntryPoint, AccessDeniedHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemAuthFailures.class);

    private final ObjectMapper json;

    ProblemAuthFailures(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        send(request, response, AuthFailure.unauthenticated(request));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        send(request, response, AuthFailure.forbidden());
    }

    private void send(HttpServletRequest request, HttpServletResponse response, AuthFailure failure) throws IOException {
        log.warn("API request refused: {} {} {}: {}", failure.status(), request.getMethod(), request.getRequestURI(),
                failure.detail());
        failure.addChallengeTo(response);
        response.setStatus(failure.status());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(),
                ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(failure.status()), failure.detail()));
    }
}
