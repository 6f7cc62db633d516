package com.alluse.streams.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alluse.streams.serde.SchemaRegistryConfig.CredentialsSource;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class SchemaRegistryConfigTest {

    @Test
    void shouldApplyConfluentDefaults() {
        SchemaRegistryConfig config =
                SchemaRegistryConfig.fromMap(Map.of("schema.registry.url", "http://registry:8081"));

        assertThat(config.urls()).containsExactly(URI.create("http://registry:8081"));
        assertThat(config.isMock()).isFalse();
        assertThat(config.autoRegisterSchemas()).isTrue();
        assertThat(config.useLatestVersion()).isFalse();
        assertThat(config.specificAvroReader()).isTrue();
        assertThat(config.credentialsSource()).isEqualTo(CredentialsSource.URL);
        assertThat(config.maxRetries()).isEqualTo(3);
    }

    @Test
    void shouldParseAMockScope() {
        SchemaRegistryConfig config = SchemaRegistryConfig.fromMap(Map.of("schema.registry.url", "mock://my_test-1"));

        assertThat(config.isMock()).isTrue();
        assertThat(config.mockScope()).isEqualTo("my_test-1");
        assertThat(config.urls()).isEmpty();
    }

    @Test
    void shouldKeepSeveralUrlsInOrderAndDropTrailingSlashes() {
        SchemaRegistryConfig config = SchemaRegistryConfig.fromMap(
                Map.of("schema.registry.url", " http://a:8081/ , https://b:8443/apis/ccompat/v7/"));

        assertThat(config.urls())
                .containsExactly(URI.create("http://a:8081"), URI.create("https://b:8443/apis/ccompat/v7"));
    }

    @Test
    void shouldAcceptAListValueAsKafkaListConfigsDo() {
        SchemaRegistryConfig config =
                SchemaRegistryConfig.fromMap(Map.of("schema.registry.url", List.of("http://a:8081", "http://b:8081")));

        assertThat(config.urls()).hasSize(2);
    }

    @Test
    void shouldDefaultToUserInfoCredentialsWhenUserInfoIsGiven() {
        SchemaRegistryConfig config = SchemaRegistryConfig.fromMap(
                Map.of("schema.registry.url", "http://a:8081", "basic.auth.user.info", "alice:secret"));

        assertThat(config.credentialsSource()).isEqualTo(CredentialsSource.USER_INFO);
        assertThat(config.toString()).contains("alice:***").doesNotContain("secret");
    }

    @Test
    void shouldReadBooleansAndNumbersGivenAsStringsOrObjects() {
        SchemaRegistryConfig config = SchemaRegistryConfig.fromMap(Map.of(
                "schema.registry.url", "mock://x",
                "auto.register.schemas", "FALSE",
                "use.latest.version", true,
                "max.retries", "5",
                "http.request.timeout.ms", 1234L));

        assertThat(config.autoRegisterSchemas()).isFalse();
        assertThat(config.useLatestVersion()).isTrue();
        assertThat(config.maxRetries()).isEqualTo(5);
        assertThat(config.requestTimeoutMs()).isEqualTo(1234L);
    }

    @Test
    void shouldRequireTheRegistryUrl() {
        assertThatThrownBy(() -> SchemaRegistryConfig.fromMap(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url");
    }

    @Test
    void shouldRejectUnsupportedSchemes() {
        assertThatThrownBy(() -> SchemaRegistryConfig.fromMap(Map.of("schema.registry.url", "ftp://a")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http(s)://");
    }

    @Test
    void shouldRejectAMockUrlMixedWithOthersOrWithoutScope() {
        assertThatThrownBy(() -> SchemaRegistryConfig.fromMap(Map.of("schema.registry.url", "mock://a,http://b")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("only URL");
        assertThatThrownBy(() -> SchemaRegistryConfig.fromMap(Map.of("schema.registry.url", "mock://")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("scope");
    }

    @Test
    void shouldRejectANonBooleanFlag() {
        assertThatThrownBy(() -> SchemaRegistryConfig.fromMap(
                        Map.of("schema.registry.url", "mock://x", "auto.register.schemas", "yes")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("auto.register.schemas");
    }

    @Test
    void shouldRequireUserInfoForTheUserInfoSource() {
        assertThatThrownBy(() -> SchemaRegistryConfig.fromMap(
                        Map.of("schema.registry.url", "http://a", "basic.auth.credentials.source", "USER_INFO")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("basic.auth.user.info");
        assertThatThrownBy(() -> SchemaRegistryConfig.fromMap(
                        Map.of("schema.registry.url", "http://a", "basic.auth.user.info", "no-colon")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("user:password");
    }

    @Test
    void shouldRejectUnsupportedCredentialSources() {
        assertThatThrownBy(() -> SchemaRegistryConfig.fromMap(
                        Map.of("schema.registry.url", "http://a", "basic.auth.credentials.source", "SASL_INHERIT")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("USER_INFO, URL");
    }

    @Test
    void shouldRejectOutOfRangeNumbers() {
        assertThatThrownBy(() ->
                        SchemaRegistryConfig.fromMap(Map.of("schema.registry.url", "mock://x", "max.retries", -1)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("max.retries");
        assertThatThrownBy(() -> SchemaRegistryConfig.fromMap(
                        Map.of("schema.registry.url", "mock://x", "http.connect.timeout.ms", 0)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("http.connect.timeout.ms");
        assertThatThrownBy(() -> SchemaRegistryConfig.fromMap(
                        Map.of("schema.registry.url", "mock://x", "schema.registry.cache.capacity", "lots")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("whole number");
    }

    @Test
    void shouldNotPrintPasswordsFromUrlsInErrors() {
        assertThatThrownBy(() ->
                        SchemaRegistryConfig.fromMap(Map.of("schema.registry.url", "http://bob:hunter2@a:8081?x=1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageNotContaining("hunter2");
    }
}
