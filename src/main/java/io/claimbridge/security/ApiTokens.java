package io.claimbridge.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The tokens the API accepts, each kept only as its SHA-256 digest. A presented token is hashed
 * and compared with every known digest in constant time, so neither a match nor its position
 * shows in the response time.
 */
public final class ApiTokens {
    /** Shorter tokens can be guessed; the generated one has 43 characters. */
    static final int MIN_TOKEN_LENGTH = 16;
    /** Names go into claim events (actor VARCHAR(120)) and logs: short and plain. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,40}");
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    /** The name of the token generated when none is configured. */
    static final String GENERATED = "generated";

    private record Known(ApiClient client, byte[] sha256) {
    }

    private final List<Known> known;

    private ApiTokens(List<Known> known) {
        this.known = List.copyOf(known);
    }

    /** The configured tokens, checked: a mistake stops start-up with the entry's name, never its token. */
    public static ApiTokens configured(List<TokenProperties.Entry> entries) {
        List<Known> known = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            TokenProperties.Entry e = entries.get(i);
            String where = "claimbridge.security.tokens[" + i + "]" + (e.name() == null ? "" : " (" + e.name() + ")");
            if (e.name() == null || !NAME.matcher(e.name()).matches()) {
                throw new IllegalStateException(where + ": name must be 1 to 40 of A-Z a-z 0-9 . _ -");
            }
            if (!names.add(e.name())) {
                throw new IllegalStateException(where + ": name used twice");
            }
            if ((e.sha256() == null) == (e.token() == null)) {
                throw new IllegalStateException(where + ": give exactly one of sha256 and token");
            }
            if (e.sha256() != null && !HEX_SHA256.matcher(e.sha256().trim()).matches()) {
                throw new IllegalStateException(where + ": sha256 must be 64 hex digits");
            }
            if (e.token() != null && e.token().trim().length() < MIN_TOKEN_LENGTH) {
                throw new IllegalStateException(where + ": token must have at least " + MIN_TOKEN_LENGTH + " characters");
            }
            if (e.roles().isEmpty()) {
                throw new IllegalStateException(where + ": roles must name at least one of read, write, ingest");
            }
            byte[] digest = e.sha256() != null ? HexFormat.of().parseHex(e.sha256().trim()) : sha256(e.token().trim());
            for (Known k : known) {
                if (MessageDigest.isEqual(k.sha256(), digest)) {
                    throw new IllegalStateException(where + ": same token as " + k.client().name());
                }
            }
            known.add(new Known(new ApiClient(e.name(), e.roles()), digest));
        }
        return new ApiTokens(known);
    }

    /** Only the generated token, with every role: the single-user default. */
    public static ApiTokens generated(String token) {
        return new ApiTokens(List.of(new Known(new ApiClient(GENERATED, EnumSet.allOf(Role.class)), sha256(token))));
    }

    /** Whose token this is; compares against every known digest, without stopping at a match. */
    public Optional<ApiClient> find(String presented) {
        byte[] digest = sha256(presented);
        ApiClient match = null;
        for (Known k : known) {
            if (MessageDigest.isEqual(k.sha256(), digest) && match == null) {
                match = k.client();
            }
        }
        return Optional.ofNullable(match);
    }

    public boolean isEmpty() {
        return known.isEmpty();
    }

    /** Names and roles, for the start-up log. */
    @Override
    public String toString() {
        return known.stream().map(k -> k.client().name() + " " + k.client().roles().stream().sorted()
                .map(Role::authority).toList()).collect(Collectors.joining(", "));
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
