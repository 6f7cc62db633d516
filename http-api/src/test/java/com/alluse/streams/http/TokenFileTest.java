package com.alluse.streams.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenFileTest {
    @TempDir
    Path dir;

    @Test
    void shouldReadRoleAndTokenLinesSkippingCommentsAndBlankLines() {
        byte[] content = "# ops team\n\nviewer  v-1\n  OPERATOR o-1  \nadmin a-1\n".getBytes(StandardCharsets.UTF_8);

        assertThat(TokenFile.parse(content, "tokens"))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("v-1", Role.VIEWER, "o-1", Role.OPERATOR, "a-1", Role.ADMIN));
    }

    @Test
    void shouldNameTheLineButNotItsTextWhenRoleAndTokenAreSwapped() {
        byte[] content = "viewer v-1\ns3cret-token admin\n".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> TokenFile.parse(content, "tokens.txt"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tokens.txt line 2")
                .hasMessageNotContainingAny("s3cret", "S3CRET");
    }

    @Test
    void shouldRejectALineWithoutAToken() {
        assertThatThrownBy(() -> TokenFile.parse("lonely-s3cret\n".getBytes(StandardCharsets.UTF_8), "f"))
                .hasMessageContaining("f line 1")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void shouldParseAnEnvironmentListAndNameTheBadEntryOnly() {
        assertThat(TokenFile.parseList("viewer:v-1, admin:a-1", "ENV"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("v-1", Role.VIEWER, "a-1", Role.ADMIN));
        assertThatThrownBy(() -> TokenFile.parseList("viewer:v-1,s3cret:viewer", "ENV"))
                .hasMessageContaining("ENV entry 2")
                .hasMessageNotContainingAny("s3cret", "S3CRET");
    }

    @Test
    void shouldRefuseAFileAboveTheSizeBound() throws IOException {
        Path big = dir.resolve("big");
        Files.write(big, new byte[(int) TokenFile.MAX_FILE_BYTES + 1]);

        assertThatThrownBy(() -> TokenFile.readBounded(big))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than " + TokenFile.MAX_FILE_BYTES);
    }

    @Test
    void shouldReportAMissingFileAsAnArgumentError() {
        assertThatThrownBy(() -> TokenFile.readBounded(dir.resolve("missing")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot read the tokens file");
    }
}
