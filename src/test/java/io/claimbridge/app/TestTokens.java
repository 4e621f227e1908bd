package io.claimbridge.app;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.client.RestTemplateRequestCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The API tokens the test engines are configured with: {@link #ALL} (every role) is what the
 * tests send by default; the others exist for the role tests. Configured tokens turn the
 * generated token file off.
 */
public final class TestTokens {
    /** read, write, ingest: the default of every test's HTTP client. */
    public static final String ALL = "test-token-all-roles-0123456789";
    public static final String ALL_NAME = "test-all";
    /** read only; configured by its SHA-256, as a config file in git would. */
    public static final String READ = "test-token-read-only-0123456789";
    public static final String READ_NAME = "test-read";
    /** write (which implies read). */
    public static final String WRITE = "test-token-write-only-012345678";
    public static final String WRITE_NAME = "test-write";
    /** ingest only: an EHR's FHIR client. */
    public static final String INGEST = "test-token-ingest-only-01234567";
    public static final String INGEST_NAME = "test-ingest";

    private TestTokens() {
    }

    /** The tokens as Spring properties of an in-JVM test context. */
    public static void register(DynamicPropertyRegistry r) {
        for (String[] p : properties()) {
            r.add(p[0], () -> p[1]);
        }
    }

    /** The same as command-line arguments of an engine in its own JVM. */
    public static List<String> engineArgs() {
        List<String> args = new ArrayList<>();
        for (String[] p : properties()) {
            args.add("--" + p[0] + "=" + p[1]);
        }
        return args;
    }

    private static List<String[]> properties() {
        String t = "claimbridge.security.tokens";
        return List.of(
                new String[] {t + "[0].name", ALL_NAME}, new String[] {t + "[0].token", ALL},
                new String[] {t + "[0].roles", "read,write,ingest"},
                new String[] {t + "[1].name", READ_NAME}, new String[] {t + "[1].sha256", sha256Hex(READ)},
                new String[] {t + "[1].roles", "read"},
                new String[] {t + "[2].name", WRITE_NAME}, new String[] {t + "[2].token", WRITE},
                new String[] {t + "[2].roles", "write"},
                new String[] {t + "[3].name", INGEST_NAME}, new String[] {t + "[3].token", INGEST},
                new String[] {t + "[3].roles", "ingest"});
    }

    /** {@code Bearer <ALL>}, for raw HTTP requests. */
    public static String bearer() {
        return "Bearer " + ALL;
    }

    /** For HAPI generic clients: sends {@link #ALL}. */
    public static BearerTokenAuthInterceptor fhirAuth() {
        return new BearerTokenAuthInterceptor(ALL);
    }

    public static String sha256Hex(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The autowired TestRestTemplate is built from the context's RestTemplateBuilder, which applies
     * this: every request carries {@link #ALL} unless the test sets its own Authorization header.
     */
    @TestConfiguration(proxyBeanMethods = false)
    public static class RestTemplateAuth {
        @Bean
        RestTemplateRequestCustomizer<ClientHttpRequest> testTokenOnEveryRequest() {
            return request -> request.getHeaders().setBearerAuth(ALL);
        }
    }
}
