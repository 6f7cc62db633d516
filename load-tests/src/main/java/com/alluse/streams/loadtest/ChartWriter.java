package com.alluse.streams.loadtest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** PNG charts of a run, drawn headless with JFreeChart. */
final class ChartWriter {
    private static final int WIDTH = 1200;
    private static final int HEIGHT = 650;
    private static final double MIBIBYTE = 1024.0 * 1024.0;

    private final Path directory;

    ChartWriter(Path directory) {
        this.directory = directory;
    }

    void write(RunReport report) throws IOException {
        // No display here or in CI: AWT must not look for one.
        System.setProperty("java.awt.headless", "true");
        throughput(report);
        latency(report);
        lag(report);
        memory(report);
        if (report.scale() != null) {
            scale(report.scale());
        }
    }

    private void throughput(RunReport report) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (ScenarioResult scenario : report.scenarios()) {
            XYSeries series = new XYSeries(scenario.name());
            List<Long> perSecond = scenario.measured().resultsPerSecond();
            for (int second = 0; second < perSecond.size(); second++) {
                series.add(second, perSecond.get(second));
            }
            data.addSeries(series);
        }
        if (report.query() != null) {
            XYSeries series = new XYSeries("query (requests)");
            List<Long> perSecond = report.query().requestsPerSecondSeries();
            for (int second = 0; second < perSecond.size(); second++) {
                series.add(second, perSecond.get(second));
            }
            data.addSeries(series);
        }
        save(
                "throughput.png",
                ChartFactory.createXYLineChart(
                        "Results per second over time (measured mix of each scenario)",
                        "seconds since the mix started",
                        "results (or query responses) per second",
                        data));
    }

    private void latency(RunReport report) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (ScenarioResult scenario : report.scenarios()) {
            addPercentiles(data, scenario.name(), scenario.measured().latency());
        }
        if (report.query() != null) {
            addPercentiles(
                    data, "query x" + report.query().clients(), report.query().latency());
        }
        for (QueryResult open : report.openLoopQueries()) {
            addPercentiles(data, "query at " + (long) open.targetRatePerSecond() + "/s", open.latency());
        }
        JFreeChart chart = ChartFactory.createLineChart(
                "Latency percentiles: command -> result, and query response (log scale)",
                "scenario",
                "milliseconds",
                data,
                PlotOrientation.VERTICAL,
                true,
                false,
                false);
        CategoryPlot plot = chart.getCategoryPlot();
        LogAxis axis = new LogAxis("milliseconds");
        axis.setSmallestValue(0.01);
        plot.setRangeAxis(axis);
        LineAndShapeRenderer renderer = new LineAndShapeRenderer(false, true);
        plot.setRenderer(renderer);
        plot.getDomainAxis().setCategoryLabelPositions(org.jfree.chart.axis.CategoryLabelPositions.UP_45);
        save("latency.png", chart);
    }

    private static void addPercentiles(DefaultCategoryDataset data, String name, LatencySummary latency) {
        if (latency.count() == 0) {
            return;
        }
        data.addValue(Math.max(0.01, latency.p50Micros() / 1000.0), "p50", name);
        data.addValue(Math.max(0.01, latency.p99Micros() / 1000.0), "p99", name);
        data.addValue(Math.max(0.01, latency.p999Micros() / 1000.0), "p99.9", name);
    }

    private void lag(RunReport report) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (ScenarioResult scenario : report.scenarios()) {
            XYSeries series = new XYSeries(scenario.name());
            for (Sample sample : scenario.measured().samples()) {
                if (sample.consumerLag() >= 0) {
                    series.add(sample.elapsedMillis() / 1000.0, sample.consumerLag());
                }
            }
            data.addSeries(series);
        }
        save(
                "lag.png",
                ChartFactory.createXYLineChart(
                        "Consumer lag on the commands topic (records not yet committed)",
                        "seconds since the mix started",
                        "records",
                        data));
    }

    private void memory(RunReport report) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        boolean brokerApart = report.memory().stream().anyMatch(sample -> sample.brokerResidentBytes() >= 0);
        XYSeries rss = new XYSeries(
                brokerApart
                        ? "RSS (this process: pipeline + registry + load generator)"
                        : "RSS (whole process: broker + pipeline + load generator)");
        XYSeries brokerRss = new XYSeries("RSS (broker process)");
        XYSeries heap = new XYSeries("heap used");
        for (MemorySample sample : report.memory()) {
            if (sample.residentBytes() >= 0) {
                rss.add(sample.elapsedMillis() / 1000.0, sample.residentBytes() / MIBIBYTE);
            }
            if (sample.brokerResidentBytes() >= 0) {
                brokerRss.add(sample.elapsedMillis() / 1000.0, sample.brokerResidentBytes() / MIBIBYTE);
            }
            heap.add(sample.elapsedMillis() / 1000.0, sample.heapUsedBytes() / MIBIBYTE);
        }
        data.addSeries(rss);
        if (brokerApart) {
            data.addSeries(brokerRss);
        }
        data.addSeries(heap);
        save(
                "memory.png",
                ChartFactory.createXYLineChart("Memory over the run", "seconds since the run started", "MiB", data));
    }

    private void scale(ScaleResult scale) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries mix = new XYSeries("mix commands/s");
        XYSeries opens = new XYSeries("opens/s while loading");
        for (ScaleStep step : scale.steps()) {
            if (step.label().equals("load")) {
                mix.add(step.openedAccounts(), step.probe().commandsPerSecond());
                opens.add(step.openedAccounts(), step.openPerSecond());
            }
        }
        data.addSeries(mix);
        data.addSeries(opens);
        JFreeChart chart =
                ChartFactory.createXYLineChart("Throughput as the account count grows", "accounts", "per second", data);
        ((org.jfree.chart.renderer.xy.XYLineAndShapeRenderer) chart.getXYPlot().getRenderer())
                .setDefaultShapesVisible(true);
        save("scale.png", chart);
    }

    private void save(String name, JFreeChart chart) throws IOException {
        ChartUtils.saveChartAsPNG(directory.resolve(name).toFile(), chart, WIDTH, HEIGHT);
    }
}
