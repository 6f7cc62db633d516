package com.alluse.streams.projection;

import com.alluse.streams.domain.Money;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.LogTick;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.TickType;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Renders a projection's charts to PNG with JFreeChart, without a display. Amounts become
 * doubles here for plotting only; every reported number comes from the exact cents.
 */
public final class ProjectionCharts {
    public static final String PORTFOLIO_VALUE_PNG = "portfolio-value.png";
    public static final String ACCOUNTS_PNG = "accounts.png";
    public static final int WIDTH_PX = 1200;
    public static final int HEIGHT_PX = 700;

    private static final double CENTS_PER_UNIT = 100.0;
    private static final Color[] SERIES_COLORS = {
        new Color(0x1f, 0x3a, 0x5f),
        new Color(0xd9, 0x7b, 0x29),
        new Color(0x3a, 0x8d, 0x5c),
        new Color(0x8e, 0x44, 0xad)
    };

    static {
        // Before any AWT class loads: CLI runs and CI have no display.
        System.setProperty("java.awt.headless", "true");
    }

    private ProjectionCharts() {}

    /** Writes both charts into {@code directory} (created if missing); returns their paths. */
    public static List<Path> write(ProjectionResult result, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path value = save(portfolioValueChart(result), directory.resolve(PORTFOLIO_VALUE_PNG));
        Path accounts = save(accountsChart(result), directory.resolve(ACCOUNTS_PNG));
        return List.of(value, accounts);
    }

    /**
     * Total value and the value per account type over the years, on a logarithmic axis: the
     * portfolio compounds, so a linear axis would flatten every year but the last few.
     */
    private static JFreeChart portfolioValueChart(ProjectionResult result) {
        XYSeries total = new XYSeries("total value");
        XYSeries generation = new XYSeries("Gen-Acc (all)");
        XYSeries revenue = new XYSeries("Rev-Acc (all)");
        XYSeries compounding = new XYSeries("Com-Acc (all)");
        for (ProjectionResult.Week week : result.weeks()) {
            double year = yearOf(week);
            total.add(year, week.totalValueCents() / CENTS_PER_UNIT);
            generation.add(year, week.generationCents() / CENTS_PER_UNIT);
            revenue.add(year, week.revenueCents() / CENTS_PER_UNIT);
            compounding.add(year, week.compoundingCents() / CENTS_PER_UNIT);
        }
        JFreeChart chart = lineChart(
                "Portfolio value, " + result.inputs().template() + " from "
                        + Money.toDecimalString(result.inputs().capitalCents()),
                "value (log scale)",
                total,
                generation,
                revenue,
                compounding);
        chart.getXYPlot().setRangeAxis(new RoundLogAxis("value (log scale)"));
        return chart;
    }

    /** Open accounts and open fork groups (each fork adds a group of two accounts, a merge closes one). */
    private static JFreeChart accountsChart(ProjectionResult result) {
        XYSeries accounts = new XYSeries("open accounts");
        XYSeries groups = new XYSeries("open fork groups");
        for (ProjectionResult.Week week : result.weeks()) {
            accounts.add(yearOf(week), week.openAccounts());
            groups.add(yearOf(week), week.openForkGroups());
        }
        JFreeChart chart = lineChart("Open accounts and fork groups", "count", accounts, groups);
        ((NumberAxis) chart.getXYPlot().getRangeAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return chart;
    }

    private static JFreeChart lineChart(String title, String rangeLabel, XYSeries... series) {
        XYSeriesCollection dataset = new XYSeriesCollection();
        for (XYSeries one : series) {
            dataset.addSeries(one);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(
                title, "year", rangeLabel, dataset, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        for (int index = 0; index < series.length; index++) {
            renderer.setSeriesPaint(index, SERIES_COLORS[index % SERIES_COLORS.length]);
            renderer.setSeriesStroke(index, new BasicStroke(index == 0 ? 2.5f : 1.5f));
        }
        plot.setRenderer(renderer);
        return chart;
    }

    /** Week 52 is the end of year 1. */
    private static double yearOf(ProjectionResult.Week week) {
        return week.week() / (double) ProjectionInputs.WEEKS_PER_YEAR;
    }

    /**
     * A logarithmic axis labelled at 1, 2 and 5 x 10^k, so every label is a round amount (the
     * stock axis labels powers of 10^0.1, e.g. 125,893).
     */
    private static final class RoundLogAxis extends LogAxis {
        private static final long serialVersionUID = 1L;
        private static final int[] MANTISSAS = {1, 2, 5};

        RoundLogAxis(String label) {
            super(label);
            setNumberFormatOverride(new DecimalFormat("#,##0"));
        }

        @Override
        protected List<LogTick> refreshTicksVertical(Graphics2D g2, Rectangle2D dataArea, RectangleEdge edge) {
            Range range = getRange();
            int firstDecade = (int) Math.floor(Math.log10(Math.max(getSmallestValue(), range.getLowerBound())));
            int lastDecade = (int) Math.ceil(Math.log10(Math.max(getSmallestValue(), range.getUpperBound())));
            List<LogTick> ticks = new ArrayList<>();
            for (int decade = firstDecade; decade <= lastDecade; decade++) {
                for (int mantissa : MANTISSAS) {
                    double value = mantissa * Math.pow(10, decade);
                    if (range.contains(value)) {
                        ticks.add(new LogTick(TickType.MAJOR, value, createTickLabel(value), TextAnchor.CENTER_RIGHT));
                    }
                }
            }
            return ticks;
        }
    }

    private static Path save(JFreeChart chart, Path file) throws IOException {
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH_PX, HEIGHT_PX);
        return file;
    }
}
