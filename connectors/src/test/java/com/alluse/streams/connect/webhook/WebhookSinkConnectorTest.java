package com.alluse.streams.connect.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class WebhookSinkConnectorTest {
    @Test
    void shouldGiveEveryTaskTheConnectorSettingsWhenStarted() {
        WebhookSinkConnector connector = new WebhookSinkConnector();
        Map<String, String> props = WebhookSinkConfigTest.props("http://127.0.0.1:1/h");

        connector.start(props);

        assertThat(connector.taskConfigs(3))
                .hasSize(3)
                .allSatisfy(p -> assertThat(p).isEqualTo(props));
        assertThat(connector.taskClass()).isEqualTo(WebhookSinkTask.class);
        assertThat(connector.config().names()).contains(WebhookSinkConfig.URL, WebhookSinkConfig.SECRET);
    }

    @Test
    void shouldRefuseToStartWhenTheSettingsAreInvalid() {
        assertThatThrownBy(() -> new WebhookSinkConnector().start(Map.of(WebhookSinkConfig.URL, "http://x/h")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(WebhookSinkConfig.SECRET);
    }

    @Test
    void shouldReportConfigErrorsThroughValidateWhenAUrlIsBad() {
        var result = new WebhookSinkConnector()
                .validate(Map.of(WebhookSinkConfig.URL, "nope", WebhookSinkConfig.SECRET, "s"))
                .configValues();

        assertThat(result)
                .filteredOn(v -> v.name().equals(WebhookSinkConfig.URL))
                .singleElement()
                .satisfies(v -> assertThat(v.errorMessages()).isNotEmpty());
    }
}
