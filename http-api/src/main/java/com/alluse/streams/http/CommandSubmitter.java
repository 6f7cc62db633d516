package com.alluse.streams.http;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.client.ResultFollower;
import com.alluse.streams.client.json.CommandJson;
import com.alluse.streams.client.json.InvalidCommandJsonException;
import com.alluse.streams.domain.AccountIds;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Turns a POSTed command into a record on the commands topic and waits, bounded, for its result.
 * The Idempotency-Key header is the command id, the path names the portfolio.
 */
final class CommandSubmitter {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Producer<String, SpecificRecord> producer;
    private final String commandsTopic;
    private final ResultFollower results;
    private final CommandJson commandJson;
    private final Duration resultTimeout;

    CommandSubmitter(
            Producer<String, SpecificRecord> producer,
            String commandsTopic,
            ResultFollower results,
            CommandJson commandJson,
            Duration resultTimeout) {
        this.producer = producer;
        this.commandsTopic = commandsTopic;
        this.results = results;
        this.commandJson = commandJson;
        this.resultTimeout = resultTimeout;
    }

    /** The result, or empty when it did not arrive within the timeout (the command is on its way). */
    Optional<CommandResult> submit(String portfolioId, String idempotencyKey, byte[] body) {
        AccountCommand command = parse(portfolioId, idempotencyKey, utf8(body));
        CompletableFuture<CommandResult> result;
        try {
            result = results.expect(portfolioId, command.getCommandId());
        } catch (ResultFollower.TooManyPendingException e) {
            throw ApiProblem.unavailable(e.getMessage());
        }
        try {
            producer.send(new ProducerRecord<>(commandsTopic, portfolioId, command))
                    .get(resultTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw ApiProblem.unavailable(
                    "the command could not be written to Kafka in time; retry with the same Idempotency-Key");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiProblem.unavailable("interrupted while writing the command");
        }
        return results.await(portfolioId, command.getCommandId(), result, resultTimeout);
    }

    private AccountCommand parse(String portfolioId, String idempotencyKey, String body) {
        if (!AccountIds.isValidCommandId(idempotencyKey)) {
            throw ApiProblem.badRequest("the Idempotency-Key header (the command id, 1.."
                    + AccountIds.MAX_COMMAND_ID_LENGTH + " characters) is required");
        }
        if (!AccountIds.isValidPortfolioId(portfolioId)) {
            throw ApiProblem.badRequest(AccountIds.PORTFOLIO_ID_RULE);
        }
        ObjectNode json = objectBody(body);
        requireSameOrAbsent(json, "commandId", idempotencyKey, "the Idempotency-Key header");
        requireSameOrAbsent(json, "portfolioId", portfolioId, "the path");
        json.put("commandId", idempotencyKey);
        json.put("portfolioId", portfolioId);
        try {
            return commandJson.parse(json.toString());
        } catch (InvalidCommandJsonException e) {
            throw ApiProblem.badRequest(e.getMessage());
        }
    }

    /**
     * JSON bodies are UTF-8 (RFC 8259) whatever charset the Content-Type names: an unknown charset
     * must not fail the request, and malformed bytes must not become U+FFFD in a command.
     */
    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ApiProblem.badRequest("the body is not valid UTF-8");
        }
    }

    private static ObjectNode objectBody(String body) {
        try {
            JsonNode parsed = MAPPER.readTree(body);
            if (parsed instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException e) {
            throw ApiProblem.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
        }
        throw ApiProblem.badRequest("the body must be a JSON object describing one command");
    }

    private static void requireSameOrAbsent(ObjectNode json, String field, String expected, String source) {
        JsonNode given = json.get(field);
        if (given != null && !given.asText().equals(expected)) {
            throw ApiProblem.badRequest(field + " in the body differs from " + source);
        }
    }
}
