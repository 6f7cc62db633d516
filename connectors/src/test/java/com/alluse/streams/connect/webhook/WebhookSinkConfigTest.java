package com.alluse.streams.connect.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class WebhookSinkConfigTest {
    static Map<String, String> props(String url) {
        Map<String, String> props = new HashMap<>();
        props.put(WebhookSinkConfig.URL, url);
        props.put(WebhookSinkConfig.SECRET, "s3cret");
        props.put(WebhookSinkConfig.EVENT_TYPES, "ForkCompleted, MergeCompleted");
        return props;
    }

    @Test
    void shouldReadTheSettingsWithTheirDefaultsWhenOnlyTheRequiredOnesAreGiven() {
        WebhookSinkConfig config = WebhookSinkConfig.fromProps(props("https://hooks.example.com/alluse"));

        assertThat(config.url()).hasToString("https://hooks.example.com/alluse");
        assertThat(config.eventTypes()).containsExactlyInAnyOrder("ForkCompleted", "MergeCompleted");
        assertThat(config.idField()).isEqualTo("eventId");
        assertThat(config.typeField()).isEqualTo("payload");
        assertThat(config.maxRetries()).isEqualTo(5);
        assertThat(config.maxInFlight()).isEqualTo(8);
        assertThat(config.toString()).doesNotContain("s3cret");
    }

    @Test
    void shouldSelectOnlyTheListedTypesWhenTypesAreListed() {
        WebhookSinkConfig config = WebhookSinkConfig.fromProps(props("http://127.0.0.1:1/h"));

        assertThat(config.selects("ForkCompleted")).isTrue();
        assertThat(config.selects("PortfolioOpened")).isFalse();
    }

    @Test
    void shouldSelectEveryTypeWhenNoTypeIsListed() {
        Map<String, String> props = props("http://127.0.0.1:1/h");
        props.put(WebhookSinkConfig.EVENT_TYPES, "");

        assertThat(WebhookSinkConfig.fromProps(props).selects("PortfolioOpened"))
                .isTrue();
    }

    @Test
    void shouldDoubleTheBackoffPerRetryUpToItsMaximumWhenRetrying() {
        Map<String, String> props = props("http://127.0.0.1:1/h");
        props.put(WebhookSinkConfig.RETRY_BACKOFF_MS, "100");
        props.put(WebhookSinkConfig.RETRY_BACKOFF_MAX_MS, "500");
        WebhookSinkConfig config = WebhookSinkConfig.fromProps(props);

        assertThat(config.backoffMs(1)).isEqualTo(100);
        assertThat(config.backoffMs(2)).isEqualTo(200);
        assertThat(config.backoffMs(3)).isEqualTo(400);
        assertThat(config.backoffMs(4)).isEqualTo(500);
        assertThat(config.backoffMs(10)).isEqualTo(500);
    }

    @Test
    void shouldRefuseAUrlThatIsNotHttpWhenConfigured() {
        assertThatThrownBy(() -> WebhookSinkConfig.fromProps(props("ftp://example.com/x")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(WebhookSinkConfig.URL);
    }

    @Test
    void shouldRefuseAnEmptySecretWhenConfigured() {
        Map<String, String> props = props("http://127.0.0.1:1/h");
        props.put(WebhookSinkConfig.SECRET, "");

        assertThatThrownBy(() -> WebhookSinkConfig.fromProps(props))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(WebhookSinkConfig.SECRET);
    }

    @Test
    void shouldRefuseUnboundedRetriesAndInFlightRequestsWhenConfigured() {
        Map<String, String> retries = props("http://127.0.0.1:1/h");
        retries.put(WebhookSinkConfig.MAX_RETRIES, "1000");
        Map<String, String> inFlight = props("http://127.0.0.1:1/h");
        inFlight.put(WebhookSinkConfig.MAX_IN_FLIGHT, "0");

        assertThatThrownBy(() -> WebhookSinkConfig.fromProps(retries))
                .hasMessageContaining(WebhookSinkConfig.MAX_RETRIES);
        assertThatThrownBy(() -> WebhookSinkConfig.fromProps(inFlight))
                .hasMessageContaining(WebhookSinkConfig.MAX_IN_FLIGHT);
    }

    @Test
    void shouldRefuseAMaximumBackoffBelowTheFirstWhenConfigured() {
        Map<String, String> props = props("http://127.0.0.1:1/h");
        props.put(WebhookSinkConfig.RETRY_BACKOFF_MS, "1000");
        props.put(WebhookSinkConfig.RETRY_BACKOFF_MAX_MS, "10");

        assertThatThrownBy(() -> WebhookSinkConfig.fromProps(props))
                .hasMessageContaining(WebhookSinkConfig.RETRY_BACKOFF_MAX_MS);
    }
}
