package com.alluse.streams.topology;

import static com.alluse.streams.client.AccountCommands.command;
import static com.alluse.streams.client.AccountCommands.openPortfolio;
import static org.assertj.core.api.Assertions.assertThat;

import com.alluse.streams.avro.AccountCommand;
import com.alluse.streams.avro.AccountState;
import com.alluse.streams.avro.CalendarKind;
import com.alluse.streams.avro.CommandOutcome;
import com.alluse.streams.avro.CommandResult;
import com.alluse.streams.avro.DeadLetter;
import com.alluse.streams.avro.DeadLetterReason;
import com.alluse.streams.avro.LedgerEntry;
import com.alluse.streams.client.AccountCommands;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Fuzzes the production topology's two inputs (commands and calendar) with bytes and records no
 * well-behaved producer writes. Every input must end as a dead letter naming its source, or as
 * a result with a reason; and processing goes on: after every try a valid deposit is accepted.
 * The tries per category are printed at the end and recorded in docs/reliability.md.
 */
class AccountTopologyFuzzTest {
    private static final int TRIES = 300;
    private static final String P = "P1";
    private static final List<String> ACCOUNTS = List.of(P + ":GEN", P + ":REV", P + ":COM");
    private static final long CAPITAL_CENTS = 25_000_000L;
    private static final long[] LONG_BOUNDS = {
        Long.MIN_VALUE, Long.MIN_VALUE + 1, -1, 0, 1, Long.MAX_VALUE - 1, Long.MAX_VALUE
    };
    private static final Set<DeadLetterReason> UNREADABLE =
            Set.of(DeadLetterReason.DESERIALIZATION_FAILED, DeadLetterReason.WRONG_SCHEMA);
    private static final Map<String, AtomicInteger> TRIED = new TreeMap<>();

    private Path stateDir;
    private TopologyHarness harness;
    private int canaries;

    @BeforeProperty
    void startWithAnOpenPortfolio() throws IOException {
        stateDir = Files.createTempDirectory("topology-fuzz");
        harness = new TopologyHarness(stateDir);
        assertThat(harness.send("open", P, openPortfolio(CAPITAL_CENTS, null)).getOutcome())
                .isEqualTo(CommandOutcome.ACCEPTED);
    }

    @AfterProperty
    void stop() throws IOException {
        harness.close();
        try (Stream<Path> files = Files.walk(stateDir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
    }

    @AfterContainer
    static void printTries() {
        int total = TRIED.values().stream().mapToInt(AtomicInteger::get).sum();
        System.out.println("Topology fuzz tries per category (" + total + " in all): " + TRIED);
    }

    // ---------------------------------------------------------------- commands: unreadable bytes

    @Property(tries = TRIES)
    void shouldDeadLetterRandomBytesOnCommands(
            @ForAll @Size(max = 256) byte[] key, @ForAll @Size(max = 512) byte[] value) {
        commandRecordIsDeadLettered("commands: random bytes", key, value);
    }

    @Property(tries = TRIES)
    void shouldDeadLetterTruncatedAvroOnCommands(
            @ForAll("validCommands") AccountCommand command, @ForAll @IntRange(min = 0, max = 10_000) int cut) {
        byte[] whole = encode(harness.topics.commands(), command);
        commandRecordIsDeadLettered(
                "commands: truncated Avro", keyOf(command), Arrays.copyOf(whole, cut % whole.length));
    }

    @Property(tries = TRIES)
    void shouldDeadLetterAnUnknownSchemaIdOnCommands(
            @ForAll("unregisteredSchemaIds") int schemaId, @ForAll("validCommands") AccountCommand command) {
        commandRecordIsDeadLettered(
                "commands: unknown schema id",
                keyOf(command),
                withSchemaId(encode(harness.topics.commands(), command), schemaId));
    }

    @Property(tries = TRIES)
    void shouldDeadLetterAWrongMagicByteOnCommands(
            @ForAll("nonZeroBytes") byte magic, @ForAll("validCommands") AccountCommand command) {
        byte[] bytes = encode(harness.topics.commands(), command);
        bytes[0] = magic;
        commandRecordIsDeadLettered("commands: wrong magic byte", keyOf(command), bytes);
    }

    @Property(tries = TRIES)
    void shouldDeadLetterANullValueOnCommands(@ForAll @Size(max = 64) byte[] key) {
        commandRecordIsDeadLettered("commands: null value", key.length == 0 ? null : key, null);
    }

    @Property(tries = TRIES)
    void shouldDeadLetterACalendarEventOnCommands(
            @ForAll("calendarEvents") com.alluse.streams.avro.CalendarEvent event) {
        commandRecordIsDeadLettered("commands: another schema", bytes(P), encode(harness.topics.calendar(), event));
    }

    // ---------------------------------------------------------------- commands: readable, but wrong

    @Property(tries = TRIES)
    void shouldRejectACommandWithANullKey(@ForAll("validCommands") AccountCommand command) {
        CommandResult result = commandIsAnswered("commands: null key", null, command);
        assertThat(result.getOutcome()).isEqualTo(CommandOutcome.REJECTED);
    }

    @Property(tries = TRIES)
    void shouldRejectACommandWhoseKeyIsNotItsPortfolio(
            @ForAll("validCommands") AccountCommand command, @ForAll @Size(min = 0, max = 100) String key) {
        String other = key.equals(command.getPortfolioId()) ? key + "x" : key;
        CommandResult result = commandIsAnswered("commands: key not the portfolio id", bytes(other), command);
        assertThat(result.getOutcome()).isEqualTo(CommandOutcome.REJECTED);
    }

    @Property(tries = TRIES)
    void shouldRejectOversizedIds(@ForAll("oversizedIdCommands") AccountCommand command) {
        CommandResult result = commandIsAnswered("commands: oversized ids", keyOf(command), command);
        // A generator may repeat a value: the resend of a rejection is a DUPLICATE pointing at it.
        CommandOutcome first = result.getOutcome() == CommandOutcome.DUPLICATE
                ? result.getDuplicateOf().getOutcome()
                : result.getOutcome();
        assertThat(first).as("%s", result).isEqualTo(CommandOutcome.REJECTED);
    }

    @Property(tries = TRIES)
    void shouldKeepBalancesExactForAmountsAtTheLongBounds(@ForAll("boundAmountCommands") AccountCommand command) {
        CommandResult result = commandIsAnswered("commands: amounts at the long bounds", keyOf(command), command);
        if (result.getOutcome() == CommandOutcome.ACCEPTED) {
            ledgerSumsToBalances();
        }
    }

    // ---------------------------------------------------------------- calendar

    @Property(tries = TRIES)
    void shouldDeadLetterRandomBytesOnCalendar(
            @ForAll @Size(max = 256) byte[] key, @ForAll @Size(max = 512) byte[] value) {
        calendarRecordIsDeadLettered("calendar: random bytes", key, value);
    }

    @Property(tries = TRIES)
    void shouldDeadLetterTruncatedAvroOnCalendar(
            @ForAll("calendarEvents") com.alluse.streams.avro.CalendarEvent event,
            @ForAll @IntRange(min = 0, max = 10_000) int cut) {
        byte[] whole = encode(harness.topics.calendar(), event);
        calendarRecordIsDeadLettered(
                "calendar: truncated Avro", bytes("calendar"), Arrays.copyOf(whole, cut % whole.length));
    }

    @Property(tries = TRIES)
    void shouldDeadLetterAnUnknownSchemaIdOnCalendar(
            @ForAll("unregisteredSchemaIds") int schemaId,
            @ForAll("calendarEvents") com.alluse.streams.avro.CalendarEvent event) {
        calendarRecordIsDeadLettered(
                "calendar: unknown schema id", null, withSchemaId(encode(harness.topics.calendar(), event), schemaId));
    }

    @Property(tries = TRIES)
    void shouldDeadLetterAWrongMagicByteOnCalendar(
            @ForAll("nonZeroBytes") byte magic, @ForAll("calendarEvents") com.alluse.streams.avro.CalendarEvent event) {
        byte[] bytes = encode(harness.topics.calendar(), event);
        bytes[0] = magic;
        calendarRecordIsDeadLettered("calendar: wrong magic byte", bytes("calendar"), bytes);
    }

    @Property(tries = TRIES)
    void shouldDeadLetterANullValueOnCalendar(@ForAll @Size(max = 64) byte[] key) {
        calendarRecordIsDeadLettered("calendar: null value", key.length == 0 ? null : key, null);
    }

    @Property(tries = TRIES)
    void shouldDeadLetterACommandOnCalendar(@ForAll("validCommands") AccountCommand command) {
        calendarRecordIsDeadLettered(
                "calendar: another schema", keyOf(command), encode(harness.topics.commands(), command));
    }

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<AccountCommand> validCommands() {
        Arbitrary<String> accounts = Arbitraries.of(ACCOUNTS);
        Arbitrary<Long> amounts = Arbitraries.longs().between(1, 1_000_000);
        Arbitrary<Object> payloads = Arbitraries.oneOf(
                Combinators.combine(accounts, amounts).as(AccountCommands::deposit),
                Combinators.combine(accounts, amounts).as(AccountCommands::withdrawal),
                Combinators.combine(accounts, amounts).as(AccountCommands::premium),
                Combinators.combine(accounts, amounts).as(AccountCommands::loss),
                Combinators.combine(accounts, amounts).as(AccountCommands::commission),
                accounts.map(AccountCommands::suspend),
                accounts.map(AccountCommands::activate),
                amounts.map(cents -> openPortfolio(cents, null)));
        return Combinators.combine(
                        Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(20), payloads)
                .as((id, payload) -> command("fuzz-" + id, P, 1_700_000_000_000L, payload));
    }

    @Provide
    Arbitrary<AccountCommand> oversizedIdCommands() {
        Arbitrary<String> longText = Arbitraries.strings().ofMinLength(129).ofMaxLength(20_000);
        Arbitrary<String> validId = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(20);
        return Arbitraries.oneOf(
                longText.map(id -> command(id, P, 1, AccountCommands.deposit(P + ":REV", 1))),
                longText.map(id -> command("c-" + id.length(), id, 1, openPortfolio(CAPITAL_CENTS, null))),
                Combinators.combine(validId, longText)
                        .as((id, account) -> command(id, P, 1, AccountCommands.deposit(P + ":" + account, 1))));
    }

    @Provide
    Arbitrary<AccountCommand> boundAmountCommands() {
        Arbitrary<String> accounts = Arbitraries.of(ACCOUNTS);
        Arbitrary<Long> bounds =
                Arbitraries.of(Arrays.stream(LONG_BOUNDS).boxed().toList());
        Arbitrary<Object> payloads = Arbitraries.oneOf(
                Combinators.combine(accounts, bounds).as(AccountCommands::deposit),
                Combinators.combine(accounts, bounds).as(AccountCommands::withdrawal),
                Combinators.combine(accounts, bounds).as(AccountCommands::premium),
                Combinators.combine(accounts, bounds).as(AccountCommands::loss),
                Combinators.combine(accounts, bounds).as(AccountCommands::commission),
                bounds.map(cents -> openPortfolio(cents, null)));
        Arbitrary<String> portfolios = Arbitraries.of(P, "P-bounds");
        return Combinators.combine(Arbitraries.strings().alpha().ofLength(12), portfolios, payloads)
                .as((id, portfolio, payload) -> command("bound-" + id, portfolio, 1_700_000_000_000L, payload));
    }

    @Provide
    Arbitrary<com.alluse.streams.avro.CalendarEvent> calendarEvents() {
        return Combinators.combine(
                        Arbitraries.of(CalendarKind.values()),
                        Arbitraries.strings().ofMaxLength(40))
                .as((kind, period) -> AccountCommands.calendar(kind, period, 1_700_000_000_000L));
    }

    @Provide
    Arbitrary<Integer> unregisteredSchemaIds() {
        // The in-memory registry numbers schemas from 1; a handful exist here.
        return Arbitraries.oneOf(
                Arbitraries.integers().between(Integer.MIN_VALUE, 0),
                Arbitraries.integers().between(1_000, Integer.MAX_VALUE));
    }

    @Provide
    Arbitrary<Byte> nonZeroBytes() {
        return Arbitraries.bytes().filter(b -> b != 0);
    }

    // ---------------------------------------------------------------- checks

    private void commandRecordIsDeadLettered(String category, byte[] key, byte[] value) {
        count(category);
        int results = harness.results.size();
        DeadLetter letter = onlyNewDeadLetter(() -> harness.sendRaw(key, value));
        assertThat(letter.getSourceTopic()).isEqualTo(harness.topics.commands());
        assertThat(letter.getReason()).isIn(UNREADABLE);
        assertThat(letter.getErrorMessage()).isNotBlank();
        assertThat(harness.results).as("no result for an unreadable record").hasSize(results);
        processingContinues();
    }

    private void calendarRecordIsDeadLettered(String category, byte[] key, byte[] value) {
        count(category);
        DeadLetter letter = onlyNewDeadLetter(() -> harness.sendRawCalendar(key, value));
        assertThat(letter.getSourceTopic()).isEqualTo(harness.topics.calendar());
        assertThat(letter.getReason()).isIn(UNREADABLE);
        assertThat(letter.getErrorMessage()).isNotBlank();
        processingContinues();
    }

    /** Exactly one result, with a reason when not accepted; a dead letter only beside an INTERNAL_ERROR. */
    private CommandResult commandIsAnswered(String category, byte[] key, AccountCommand command) {
        count(category);
        int results = harness.results.size();
        int letters = harness.deadLetters.size();
        harness.sendRaw(key, encode(harness.topics.commands(), command));
        assertThat(harness.results).as("one result per command record").hasSize(results + 1);
        CommandResult result = harness.results.get(results);
        if (result.getOutcome() == CommandOutcome.REJECTED) {
            assertThat(result.getReasonCode()).as("reason of %s", result).isNotNull();
            assertThat(result.getReasonMessage()).as("reason of %s", result).isNotBlank();
        }
        boolean internalError = result.getReasonCode() == com.alluse.streams.avro.ReasonCode.INTERNAL_ERROR;
        assertThat(harness.deadLetters).hasSize(letters + (internalError ? 1 : 0));
        processingContinues();
        return result;
    }

    private DeadLetter onlyNewDeadLetter(Runnable send) {
        int letters = harness.deadLetters.size();
        send.run();
        assertThat(harness.deadLetters).as("one dead letter").hasSize(letters + 1);
        return harness.deadLetters.get(letters);
    }

    private void processingContinues() {
        canaries++;
        CommandResult canary = harness.send("canary-" + canaries, P, AccountCommands.deposit(P + ":REV", 1));
        assertThat(canary.getOutcome())
                .as("a valid deposit after the fuzz input: %s", canary)
                .isEqualTo(CommandOutcome.ACCEPTED);
    }

    /** Per account, the ledger's entries sum exactly (no overflow) to the latest balance. */
    private void ledgerSumsToBalances() {
        Map<String, BigInteger> sums = new HashMap<>();
        for (LedgerEntry entry : harness.ledger) {
            sums.merge(entry.getAccountId(), BigInteger.valueOf(entry.getAmountCents()), BigInteger::add);
        }
        for (AccountState state : harness.states.values()) {
            assertThat(sums.getOrDefault(state.getAccountId(), BigInteger.ZERO))
                    .as("ledger sum of %s", state.getAccountId())
                    .isEqualTo(BigInteger.valueOf(state.getBalanceCents()));
        }
    }

    private byte[] encode(String topic, org.apache.avro.specific.SpecificRecord value) {
        return harness.valueSerializer().serialize(topic, value);
    }

    private static byte[] withSchemaId(byte[] encoded, int schemaId) {
        ByteBuffer.wrap(encoded).putInt(1, schemaId);
        return encoded;
    }

    private static byte[] keyOf(AccountCommand command) {
        return bytes(command.getPortfolioId());
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static synchronized void count(String category) {
        TRIED.computeIfAbsent(category, ignored -> new AtomicInteger()).incrementAndGet();
    }
}
