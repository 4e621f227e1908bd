package io.claimbridge.security;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request by its bearer token. An unknown or missing token leaves it anonymous:
 * the authorization rules then answer 401 where a token is needed, and health stays open.
 */
final class TokenAuthenticationFilter extends OncePerRequestFilter {
    private final ApiTokens tokens;

    TokenAuthenticationFilter(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        BearerToken.of(request).flatMap(tokens::find).ifPresent(client -> {
            SecurityContext context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(client, null, client.authorities()));
            SecurityContextHolder.setContext(context);
        });
        chain.doFilter(request, response);
    }
}
