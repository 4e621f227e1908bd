package io.claimbridge.security;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimbridge.api.FhirAuthFailures;
import io.claimbridge.app.ClaimbridgeProperties;
import jakarta.servlet.DispatcherType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Who may call what over HTTP: bearer tokens with roles, stateless (no session, no login form, no
 * CSRF: nothing rides on cookies). Two chains because the FHIR endpoint answers its refusals as
 * OperationOutcome and the rest as problem+json. Health stays open for load balancers and probes.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TokenProperties.class)
public class ApiSecurityConfiguration {
    private static final Logger log = LoggerFactory.getLogger(ApiSecurityConfiguration.class);
    private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();

    /** The configured tokens; with none, the generated one (configuring any turns it off). */
    @Bean
    ApiTokens apiTokens(TokenProperties props, ClaimbridgeProperties app) {
        if (props.tokens().isEmpty()) {
            return ApiTokens.generated(new GeneratedTokenFile(app.dataDir()).loadOrCreate());
        }
        ApiTokens tokens = ApiTokens.configured(props.tokens());
        log.info("API tokens: {}", tokens);
        return tokens;
    }

    /**
     * /fhir and everything under it: role ingest, every method (a conditional create reads too),
     * except GET /fhir/metadata: clients read the CapabilityStatement before they authenticate.
     */
    @Bean
    @Order(1)
    SecurityFilterChain fhirSecurity(HttpSecurity http, ApiTokens tokens, FhirContext fhir) throws Exception {
        FhirAuthFailures failures = new FhirAuthFailures(fhir);
        return stateless(http, tokens)
                .securityMatcher(PATHS.matcher("/fhir/**"))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(PATHS.matcher(HttpMethod.GET, "/fhir/metadata")).permitAll()
                        .anyRequest().hasAuthority(Role.INGEST.authority()))
                .exceptionHandling(e -> e.authenticationEntryPoint(failures).accessDeniedHandler(failures))
                .build();
    }

    /** The management API and the actuator; anything else needs a token too (unknown paths then 404). */
    @Bean
    @Order(2)
    SecurityFilterChain apiSecurity(HttpSecurity http, ApiTokens tokens, ObjectMapper json) throws Exception {
        ProblemAuthFailures failures = new ProblemAuthFailures(json);
        String read = Role.READ.authority();
        return stateless(http, tokens)
                .authorizeHttpRequests(a -> a
                        // Boot's error page for a request that was already let through
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
                        .requestMatchers(EndpointRequest.toAnyEndpoint()).hasAuthority(read)
                        .requestMatchers(PATHS.matcher(HttpMethod.GET, "/api/**"),
                                PATHS.matcher(HttpMethod.HEAD, "/api/**")).hasAuthority(read)
                        .requestMatchers(PATHS.matcher("/api/**")).hasAuthority(Role.WRITE.authority())
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e.authenticationEntryPoint(failures).accessDeniedHandler(failures))
                .build();
    }

    private static HttpSecurity stateless(HttpSecurity http, ApiTokens tokens) throws Exception {
        return http
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .addFilterBefore(new TokenAuthenticationFilter(tokens), AuthorizationFilter.class);
    }
}
