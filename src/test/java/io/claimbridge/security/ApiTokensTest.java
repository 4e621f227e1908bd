package io.claimbridge.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ApiTokensTest {
    static final String BILLING = "billing-token-0123456789abcdef";
    static final String EPIC = "epic-token-0123456789abcdef";

    static TokenProperties.Entry hashed(String name, String token, Role... roles) {
        return new TokenProperties.Entry(name, HexFormat.of().formatHex(ApiTokens.sha256(token)), null, Set.of(roles));
    }

    static TokenProperties.Entry plain(String name, String token, Role... roles) {
        return new TokenProperties.Entry(name, null, token, Set.of(roles));
    }

    @Test
    void findsEachTokenByItsValueWhetherHashedOrPlain() {
        ApiTokens tokens = ApiTokens.configured(List.of(hashed("billing-ui", BILLING, Role.WRITE),
                plain("epic", EPIC, Role.INGEST)));
        assertThat(tokens.find(BILLING)).hasValueSatisfying(c -> {
            assertThat(c.name()).isEqualTo("billing-ui");
            assertThat(c.authorities()).extracting(a -> a.getAuthority()).containsExactlyInAnyOrder("read", "write");
        });
        assertThat(tokens.find(EPIC)).hasValueSatisfying(c ->
                assertThat(c.authorities()).extracting(a -> a.getAuthority()).containsExactly("ingest"));
        assertThat(tokens.find(BILLING + "x")).isEmpty();
        assertThat(tokens.find("")).isEmpty();
        assertThat(tokens.toString()).isEqualTo("billing-ui [write], epic [ingest]").doesNotContain(EPIC);
    }

    @Test
    void upperCaseHexIsAccepted() {
        String hex = HexFormat.of().withUpperCase().formatHex(ApiTokens.sha256(BILLING));
        ApiTokens tokens = ApiTokens.configured(List.of(new TokenProperties.Entry("ui", hex, null, Set.of(Role.READ))));
        assertThat(tokens.find(BILLING)).isPresent();
    }

    @Test
    void generatedTokenHasEveryRole() {
        assertThat(ApiTokens.generated(BILLING).find(BILLING)).hasValueSatisfying(c -> {
            assertThat(c.name()).isEqualTo("generated");
            assertThat(c.roles()).containsExactlyInAnyOrder(Role.values());
        });
    }

    @Test
    void mistakesStopStartUpNamingTheEntryButNotTheToken() {
        assertThatThrownBy(() -> ApiTokens.configured(List.of(plain("bad name", EPIC, Role.READ))))
                .hasMessageContaining("tokens[0]").hasMessageContaining("name must be");
        assertThatThrownBy(() -> ApiTokens.configured(List.of(plain("a", EPIC, Role.READ), plain("a", BILLING, Role.READ))))
                .hasMessageContaining("tokens[1] (a): name used twice");
        assertThatThrownBy(() -> ApiTokens.configured(List.of(new TokenProperties.Entry("a", "ab", EPIC, Set.of(Role.READ)))))
                .hasMessageContaining("exactly one of sha256 and token").hasMessageNotContaining(EPIC);
        assertThatThrownBy(() -> ApiTokens.configured(List.of(new TokenProperties.Entry("a", null, null, Set.of(Role.READ)))))
                .hasMessageContaining("exactly one of sha256 and token");
        assertThatThrownBy(() -> ApiTokens.configured(List.of(new TokenProperties.Entry("a", "abc", null, Set.of(Role.READ)))))
                .hasMessageContaining("64 hex digits");
        assertThatThrownBy(() -> ApiTokens.configured(List.of(plain("a", "short-secret", Role.READ))))
                .hasMessageContaining("at least 16").hasMessageNotContaining("short-secret");
        assertThatThrownBy(() -> ApiTokens.configured(List.of(plain("a", EPIC))))
                .hasMessageContaining("roles must name");
        assertThatThrownBy(() -> ApiTokens.configured(List.of(plain("a", EPIC, Role.READ), hashed("b", EPIC, Role.INGEST))))
                .hasMessageContaining("(b): same token as a").hasMessageNotContaining(EPIC);
    }

    @Test
    void entryNeverPrintsItsToken() {
        assertThat(plain("epic", EPIC, Role.INGEST).toString()).contains("epic").doesNotContain(EPIC);
    }

    @Test
    void actorNamesThePersonAndTheToken() {
        assertThat(new ApiClient("billing-ui", Set.of(Role.WRITE)).actor("jane")).isEqualTo("jane (token billing-ui)");
    }
}
