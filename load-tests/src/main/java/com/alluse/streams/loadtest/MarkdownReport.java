package com.alluse.streams.loadtest;

import static com.alluse.streams.loadtest.Format.count;
import static com.alluse.streams.loadtest.Format.mebibytes;
import static com.alluse.streams.loadtest.Format.millis;
import static com.alluse.streams.loadtest.Format.percent;
import static com.alluse.streams.loadtest.Format.rate;
import static com.alluse.streams.loadtest.Format.ratio;
import static com.alluse.streams.loadtest.Format.seconds;

/** The human summary of a {@link RunReport}: one table per group, the ratio to the physical limit, the errors. */
final class MarkdownReport {
    private final RunReport report;
    private final StringBuilder out = new StringBuilder();

    MarkdownReport(RunReport report) {
        this.report = report;
    }

    String render() {
        header();
        scenarios();
        comparisons();
        query();
        scale();
        errors();
        return out.toString();
    }

    private boolean brokerInOwnProcess() {
        return Boolean.TRUE.equals(report.settings().get("brokerInOwnProcess"));
    }

    private void header() {
        MachineInfo machine = report.machine();
        line("# Load test " + report.runId());
        line("");
        line("Started " + report.startedAt() + ", took " + seconds(report.durationSeconds()) + ". "
                + (report.clean()
                        ? "**No errors, no lost commands.**"
                        : "**" + report.errors().size() + " errors** (see the end)."));
        line("");
        line("Machine: " + machine.cores() + " cores (" + machine.cpuModel() + "), " + mebibytes(machine.memoryBytes())
                + " RAM, " + machine.javaVm() + " (Java " + machine.javaVersion() + "), max heap "
                + mebibytes(machine.maxHeapBytes()) + ", " + machine.os() + ".");
        line(
                brokerInOwnProcess()
                        ? "The broker runs in a JVM of its own; the schema registry, the pipeline and the load generator share"
                                + " this one. All share these cores: every figure includes the cost of the others, and other"
                                + " processes on the machine add noise. RSS is this process's, the broker's beside it."
                        : "The broker, the schema registry, the pipeline and the load generator share this one JVM and these"
                                + " cores: every figure includes the cost of the others, and other processes on the machine add"
                                + " noise.");
        line("");
        line("Settings: `" + report.settings() + "`");
        line("");
        line("Charts: ![throughput](throughput.png) ![latency](latency.png) ![lag](lag.png) ![memory](memory.png)"
                + (report.scale() != null ? " ![scale](scale.png)" : ""));
        line("");
    }

    private void scenarios() {
        if (report.scenarios().isEmpty()) {
            return;
        }
        line("## Commands: throughput and latency (command produced -> its result consumed)");
        line("");
        line(
                "| scenario | kind | guarantee | commit | keys | load | commands | commands/s | steady/s | accepted/s | rejected | errors | p50 ms | p99 ms | p99.9 ms | max ms | max lag | outputs/cmd | forks+merges/s | CPU µs/cmd (processing) | CPU µs/cmd (process) |");
        line("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (ScenarioResult s : report.scenarios()) {
            PhaseResult m = s.measured();
            String load = m.targetRatePerSecond() > 0 ? "open " + rate(m.targetRatePerSecond()) + "/s" : "closed";
            line("| " + s.name() + " | " + s.kind() + " | " + s.processingGuarantee() + " | " + s.commitIntervalMs()
                    + " ms | " + s.keys() + " | " + load
                    + " | " + count(m.results()) + " | " + rate(m.commandsPerSecond()) + " | "
                    + rate(m.steadyCommandsPerSecond())
                    + " | " + rate(m.acceptedPerSecond()) + " | " + percent(m.rejectionRate()) + " | "
                    + percent(m.errorRate())
                    + " | " + millis(m.latency().p50Micros()) + " | "
                    + millis(m.latency().p99Micros()) + " | "
                    + millis(m.latency().p999Micros())
                    + " | " + millis(m.latency().maxMicros()) + " | " + count(m.maxConsumerLag()) + " | "
                    + ratio(s.outputsPerCommand())
                    + " | " + (s.kind().equals("pipeline") ? rate(s.forkMergeOpsPerSecond()) : "-")
                    + " | " + rate(m.processingCpuMicrosPerCommand()) + downstreamPart(m) + " | "
                    + rate(m.processCpuMicrosPerCommand())
                    + " |");
        }
        line("");
        line("Opening the portfolios (closed loop, before each measured mix):");
        line("");
        line("| scenario | portfolios | opens/s | p99 ms |");
        line("|---|---|---|---|");
        for (ScenarioResult s : report.scenarios()) {
            line("| " + s.name() + " | " + count(s.opens().results()) + " | "
                    + rate(s.opens().commandsPerSecond()) + " | "
                    + millis(s.opens().latency().p99Micros()) + " |");
        }
        line("");
        line("Outcomes of the measured mixes:");
        line("");
        for (ScenarioResult s : report.scenarios()) {
            line("- " + s.name() + ": " + s.measured().outcomes() + ", reasons "
                    + s.measured().rejectReasons()
                    + (s.kind().equals("pipeline")
                            ? ", forks " + count(s.forks()) + ", merges " + count(s.merges()) + ", calendar closes "
                                    + s.calendarEvents()
                            : ""));
        }
        line("");
    }

    private void comparisons() {
        if (report.comparisons().isEmpty()) {
            return;
        }
        line("## Pipeline / physical limit");
        line("");
        line("The physical limit is a stateless read_committed consumer + transactional producer (commit every 100 ms) "
                + "writing as many records per command as the pipeline does, with the same Avro serde.");
        line("");
        line(
                "| pipeline scenario | commands/s | physical limit scenario | commands/s | ratio (throughput) | ratio (processing CPU per command, limit / pipeline) |");
        line("|---|---|---|---|---|---|");
        for (Comparison c : report.comparisons()) {
            line("| " + c.pipelineScenario() + " | " + rate(c.pipelineCommandsPerSecond()) + " | "
                    + c.physicalLimitScenario() + " | " + rate(c.physicalLimitCommandsPerSecond()) + " | "
                    + percent(c.ratio()) + " | " + percent(c.cpuRatio()) + " |");
        }
        line("");
        line("The CPU ratio is what the ratio of throughputs would be if processing CPU alone set the pace; "
                + "unlike the rates it hardly moves with other load on the machine.");
        line("");
    }

    private void query() {
        QueryResult q = report.query();
        if (q == null) {
            return;
        }
        line("## Queries: GET /accounts/{id}");
        line("");
        line(
                "| clients | accounts | seconds | requests | requests/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | statuses | I/O errors |");
        line("|---|---|---|---|---|---|---|---|---|---|---|---|");
        line("| " + q.clients() + " | " + count(q.accountsQueried()) + " | " + seconds(q.measuredSeconds()) + " | "
                + count(q.requests()) + " | "
                + rate(q.requestsPerSecond()) + " | " + queryAnswers(q));
        line("");
        if (report.openLoopQueries().isEmpty()) {
            return;
        }
        line("Open loop: requests due at a fixed rate over the same connections; latency from when each was due.");
        line("");
        line(
                "| target/s | achieved/s | clients | requests | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | statuses | I/O errors |");
        line("|---|---|---|---|---|---|---|---|---|---|---|");
        for (QueryResult open : report.openLoopQueries()) {
            line("| " + rate(open.targetRatePerSecond()) + " | " + rate(open.requestsPerSecond()) + " | "
                    + open.clients() + " | " + count(open.requests()) + " | " + queryAnswers(open));
        }
        line("");
    }

    /** The last cells of a query row: p50, p90, p99, p99.9 and max in ms, statuses, I/O errors. */
    private static String queryAnswers(QueryResult q) {
        LatencySummary latency = q.latency();
        return millis(latency.p50Micros()) + " | " + millis(latency.p90Micros()) + " | "
                + millis(latency.p99Micros()) + " | " + millis(latency.p999Micros()) + " | "
                + millis(latency.maxMicros()) + " | " + q.statusCounts() + " | " + q.ioErrors() + " |";
    }

    private void scale() {
        ScaleResult s = report.scale();
        if (s == null) {
            return;
        }
        line("## Scale");
        line("");
        line(
                "| step | accounts opened | accounts stored | opens/s | mix commands/s | mix steady/s | mix p99 ms | mix CPU µs/cmd | RSS (this process) | broker RSS | heap used | state dir |");
        line("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (ScaleStep step : s.steps()) {
            line("| " + step.label() + " | " + count(step.openedAccounts()) + " | " + count(step.storedAccounts())
                    + " | "
                    + (step.opens() == null ? "-" : rate(step.openPerSecond())) + " | "
                    + rate(step.probe().commandsPerSecond()) + " | "
                    + rate(step.probe().steadyCommandsPerSecond()) + " | "
                    + millis(step.probe().latency().p99Micros()) + " | "
                    + rate(step.probe().processingCpuMicrosPerCommand()) + " | " + mebibytes(step.residentBytes())
                    + " | "
                    + (step.brokerResidentBytes() < 0 ? "in this process" : mebibytes(step.brokerResidentBytes()))
                    + " | " + mebibytes(step.heapUsedBytes()) + " | " + mebibytes(step.stateDirBytes()) + " |");
        }
        line("");
        line("Restore after deleting the local state: **" + seconds(s.restoreMillis() / 1000.0)
                + "** to RUNNING, reading " + count(s.changelogRecords())
                + " changelog records; state directory before: " + mebibytes(s.stateDirBytesBeforeRestore()) + ".");
        line("");
    }

    private void errors() {
        line("## Errors");
        line("");
        if (report.errors().isEmpty()) {
            line("None: every command got exactly one result, no dead letters, no failed scenario.");
        }
        for (String error : report.errors()) {
            line("- " + error);
        }
        line("");
    }

    private void line(String text) {
        out.append(text).append('\n');
    }

    /** The downstream application's share of the processing threads, where it ran apart. */
    private static String downstreamPart(PhaseResult phase) {
        return phase.downstreamCpuMicrosPerCommand() > 0
                ? " (" + rate(phase.downstreamCpuMicrosPerCommand()) + " downstream)"
                : "";
    }
}
