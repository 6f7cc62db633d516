package com.alluse.streams.client;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * Where a Kafka cluster is and how to authenticate to it: what every client of the app, the CLI and the
 * HTTP API is created with. {@code security} holds only client security settings ({@code security.protocol},
 * {@code sasl.*}, {@code ssl.*}); {@link #toString()} never shows their values, since {@code sasl.jaas.config}
 * and the {@code ssl.*} passwords are secrets.
 *
 * @param bootstrapServers {@code host:port[,...]}
 * @param security client security settings; empty for PLAINTEXT
 */
public record KafkaConnection(String bootstrapServers, Map<String, String> security) {

    /** Kafka's name for the JAAS line; kept apart so it can come from an environment variable. */
    public static final String JAAS_CONFIG = SaslConfigs.SASL_JAAS_CONFIG;

    private static final String[] SECURITY_PREFIXES = {"sasl.", "ssl."};
    private static final Pattern USER_NAME = Pattern.compile("username=\"([^\"]*)\"");

    public KafkaConnection {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        security = Map.copyOf(security);
        for (String key : security.keySet()) {
            if (!isSecuritySetting(key)) {
                throw new IllegalArgumentException("'" + key + "' is not a client security setting: only "
                        + CommonClientConfigs.SECURITY_PROTOCOL_CONFIG + ", sasl.* and ssl.* are");
            }
        }
    }

    /** No authentication, no encryption: a local broker. */
    public static KafkaConnection plaintext(String bootstrapServers) {
        return new KafkaConnection(bootstrapServers, Map.of());
    }

    /**
     * Security settings from a Java properties file (like the {@code --command-config} of Kafka's tools) and,
     * if not null, a JAAS line that overrides the file's (e.g. from an environment variable fed by a secret).
     *
     * @param file properties file, or null for none
     * @throws IllegalArgumentException if the file cannot be read or holds other settings
     */
    public static KafkaConnection of(String bootstrapServers, Path file, String jaasConfig) {
        Map<String, String> security = new HashMap<>();
        if (file != null) {
            security.putAll(read(file));
        }
        if (jaasConfig != null && !jaasConfig.isBlank()) {
            security.put(JAAS_CONFIG, jaasConfig);
        }
        return new KafkaConnection(bootstrapServers, security);
    }

    /** Bootstrap servers and the security settings: the start of every client's configuration. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> props = new HashMap<>(security);
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return props;
    }

    /** True unless the connection is PLAINTEXT. */
    public boolean isSecured() {
        return !security.isEmpty();
    }

    /** The principal's user name as written in a SASL JAAS line ({@code username="..."}), or "?". */
    public String userName() {
        String jaas = security.getOrDefault(JAAS_CONFIG, "");
        Matcher matcher = USER_NAME.matcher(jaas);
        return matcher.find() ? matcher.group(1) : "?";
    }

    /** Setting names with values only where they are not secret. */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        security.forEach((key, value) -> shown.put(key, isSecret(key) ? "[hidden]" : value));
        return "KafkaConnection[bootstrapServers=" + bootstrapServers + ", security=" + shown + "]";
    }

    static boolean isSecuritySetting(String key) {
        if (key.equals(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG)) {
            return true;
        }
        for (String prefix : SECURITY_PREFIXES) {
            if (key.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSecret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.equals(JAAS_CONFIG) || lower.contains("password") || lower.endsWith(".key");
    }

    private static Map<String, String> read(Path file) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot read the Kafka client settings " + file + ": " + e, e);
        }
        Map<String, String> settings = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> settings.put(name, properties.getProperty(name)));
        return settings;
    }
}
