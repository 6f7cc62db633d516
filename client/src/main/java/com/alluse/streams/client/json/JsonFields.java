package com.alluse.streams.client.json;

import com.alluse.streams.domain.Money;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Iterator;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Typed, strict reads of one JSON object's fields. A field that is absent or JSON null counts as
 * missing; a field of the wrong JSON type is an error, never coerced.
 */
final class JsonFields {
    /** Money as text: digits with at most two fraction digits, so the amount is exact in cents. */
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]{1,2})?");

    private static final Pattern TOO_PRECISE = Pattern.compile("-?[0-9]+\\.[0-9]{3,}");
    static final String CENTS_SUFFIX = "Cents";

    // Duplicate keys would otherwise silently keep the last value; trailing text would be ignored.
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final ObjectNode object;

    JsonFields(ObjectNode object) {
        this.object = object;
    }

    /** The fields of one line that must hold exactly one JSON object. */
    static JsonFields parse(String line) throws InvalidCommandJsonException {
        JsonNode root;
        try {
            root = MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new InvalidCommandJsonException("not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidCommandJsonException("expected a JSON object, got "
                    + (root == null || root.isMissingNode() ? "nothing" : describe(root)));
        }
        return new JsonFields((ObjectNode) root);
    }

    /** Refuses any field not in {@code allowed}: a typo must not silently drop data. */
    void rejectOthers(Collection<String> allowed, String what) throws InvalidCommandJsonException {
        for (Iterator<String> names = names(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new InvalidCommandJsonException("unknown field \"" + name + "\" for " + what + " (allowed: "
                        + String.join(", ", allowed) + ")");
            }
        }
    }

    Iterator<String> names() {
        return object.fieldNames();
    }

    boolean has(String name) {
        JsonNode node = object.get(name);
        return node != null && !node.isNull();
    }

    String requiredString(String name) throws InvalidCommandJsonException {
        String value = optionalString(name);
        if (value == null) {
            throw new InvalidCommandJsonException("missing \"" + name + "\"");
        }
        return value;
    }

    String optionalString(String name) throws InvalidCommandJsonException {
        if (!has(name)) {
            return null;
        }
        JsonNode node = object.get(name);
        if (!node.isTextual()) {
            throw new InvalidCommandJsonException("\"" + name + "\" must be a JSON string, got " + describe(node));
        }
        return node.textValue();
    }

    int requiredInt(String name) throws InvalidCommandJsonException {
        if (!has(name)) {
            throw new InvalidCommandJsonException("missing \"" + name + "\"");
        }
        JsonNode node = object.get(name);
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new InvalidCommandJsonException(
                    "\"" + name + "\" must be a JSON integer within the range of an int, got " + describe(node));
        }
        return node.intValue();
    }

    /** Money under {@code name} as a decimal string, or under {@code name + "Cents"} as an integer. */
    long requiredMoney(String name) throws InvalidCommandJsonException {
        Long cents = optionalMoney(name);
        if (cents == null) {
            throw new InvalidCommandJsonException("missing \"" + name
                    + "\" (a decimal string such as \"1234.56\") or \"" + name + CENTS_SUFFIX + "\"");
        }
        return cents;
    }

    Long optionalMoney(String name) throws InvalidCommandJsonException {
        String centsName = name + CENTS_SUFFIX;
        if (has(name) && has(centsName)) {
            throw new InvalidCommandJsonException("give either \"" + name + "\" or \"" + centsName + "\", not both");
        }
        if (has(centsName)) {
            return requiredLong(centsName);
        }
        if (!has(name)) {
            return null;
        }
        JsonNode node = object.get(name);
        if (!node.isTextual()) {
            throw new InvalidCommandJsonException(
                    "\"" + name + "\" must be a decimal string such as \"1234.56\" (or use integer \"" + centsName
                            + "\"), got " + describe(node));
        }
        return decimalCents(name, node.textValue());
    }

    /** Epoch millis from {@code eventTime} (ISO-8601) or {@code eventTimeMs}; null when neither is given. */
    Long optionalInstantMs(String name) throws InvalidCommandJsonException {
        String millisName = name + "Ms";
        if (has(name) && has(millisName)) {
            throw new InvalidCommandJsonException("give either \"" + name + "\" or \"" + millisName + "\", not both");
        }
        long millis;
        if (has(millisName)) {
            millis = requiredLong(millisName);
        } else if (has(name)) {
            millis = isoInstantMs(name, requiredString(name));
        } else {
            return null;
        }
        if (millis < 0) {
            throw new InvalidCommandJsonException("\"" + name
                    + "\" must not be before 1970-01-01T00:00:00Z (a Kafka record timestamp cannot be negative)");
        }
        return millis;
    }

    Long optionalLong(String name) throws InvalidCommandJsonException {
        return has(name) ? requiredLong(name) : null;
    }

    private long requiredLong(String name) throws InvalidCommandJsonException {
        JsonNode node = object.get(name);
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new InvalidCommandJsonException(
                    "\"" + name + "\" must be a JSON integer within the range of a long, got " + describe(node));
        }
        return node.longValue();
    }

    private static long decimalCents(String name, String text) throws InvalidCommandJsonException {
        if (TOO_PRECISE.matcher(text).matches()) {
            throw new InvalidCommandJsonException(
                    "\"" + name + "\" must have at most 2 fraction digits, got \"" + text + "\"");
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw new InvalidCommandJsonException(
                    "\"" + name + "\" must be a decimal string such as \"1234.56\", got \"" + text + "\"");
        }
        try {
            return Money.parseDecimal(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidCommandJsonException("\"" + name + "\" is too large to hold in cents: \"" + text + "\"");
        }
    }

    private static long isoInstantMs(String name, String text) throws InvalidCommandJsonException {
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new InvalidCommandJsonException(
                    "\"" + name + "\" must be an ISO-8601 instant with a zone such as \"2026-11-24T10:00:00Z\", got \""
                            + text + "\"");
        }
    }

    /** For messages: the JSON type, and the value when it is short. */
    static String describe(JsonNode node) {
        String type = node.getNodeType().name().toLowerCase(Locale.ROOT);
        String text = node.toString();
        return text.length() <= 40 ? type + " " + text : type;
    }
}
