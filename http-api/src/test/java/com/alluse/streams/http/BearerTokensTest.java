package com.alluse.streams.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BearerTokensTest {
    private final BearerTokens tokens =
            BearerTokens.of(Map.of("viewer-secret", Role.VIEWER, "admin-secret", Role.ADMIN));

    @Test
    void shouldAuthenticateAKnownTokenWithItsRole() {
        assertThat(tokens.authenticate("admin-secret"))
                .hasValueSatisfying(caller -> assertThat(caller.role()).isEqualTo(Role.ADMIN));
        assertThat(tokens.authenticate("viewer-secret"))
                .hasValueSatisfying(caller -> assertThat(caller.role()).isEqualTo(Role.VIEWER));
    }

    @Test
    void shouldRefuseUnknownPrefixedExtendedAndEmptyTokens() {
        assertThat(tokens.authenticate("admin-secre")).isEmpty();
        assertThat(tokens.authenticate("admin-secret2")).isEmpty();
        assertThat(tokens.authenticate("ADMIN-SECRET")).isEmpty();
        assertThat(tokens.authenticate("")).isEmpty();
        assertThat(BearerTokens.none().authenticate("admin-secret")).isEmpty();
    }

    @Test
    void shouldKeyEachCallerByADigestThatIsNotTheToken() {
        String adminKey = tokens.authenticate("admin-secret").orElseThrow().key();

        assertThat(adminKey).doesNotContain("admin-secret").hasSize(64);
        assertThat(tokens.authenticate("admin-secret").orElseThrow().key()).isEqualTo(adminKey);
        assertThat(tokens.authenticate("viewer-secret").orElseThrow().key()).isNotEqualTo(adminKey);
    }

    @Test
    void shouldCountTokensByRoleWithoutExposingThem() {
        assertThat(tokens.countByRole()).containsExactlyInAnyOrderEntriesOf(Map.of(Role.VIEWER, 1, Role.ADMIN, 1));
        assertThat(tokens.countByRole().toString()).doesNotContain("secret");
        assertThat(tokens.size()).isEqualTo(2);
        assertThat(BearerTokens.none().isEmpty()).isTrue();
    }

    @Test
    void shouldRejectMoreTokensThanTheBound() {
        Map<String, Role> many = new HashMap<>();
        for (int i = 0; i <= BearerTokens.MAX_TOKENS; i++) {
            many.put("token-" + i, Role.VIEWER);
        }

        assertThatThrownBy(() -> BearerTokens.of(many))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(String.valueOf(BearerTokens.MAX_TOKENS))
                .hasMessageNotContaining("token-");
    }
}
