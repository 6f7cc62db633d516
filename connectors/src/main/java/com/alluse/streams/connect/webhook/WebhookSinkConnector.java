package com.alluse.streams.connect.webhook;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * POSTs selected pipeline events (forks, merges, breaches, ...) as signed JSON to a webhook; see
 * {@link WebhookSinkConfig} for its settings and {@link WebhookSinkTask} for its guarantees.
 */
public final class WebhookSinkConnector extends SinkConnector {
    static final String VERSION = "0.1.0";

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        WebhookSinkConfig.fromProps(props); // refuse bad settings before any task starts
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return WebhookSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return Collections.nCopies(maxTasks, props);
    }

    @Override
    public void stop() {}

    @Override
    public ConfigDef config() {
        return WebhookSinkConfig.CONFIG_DEF;
    }

    @Override
    public String version() {
        return VERSION;
    }
}
