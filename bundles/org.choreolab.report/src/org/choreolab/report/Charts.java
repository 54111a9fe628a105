package org.choreolab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.choreolab.api.metric.SetValue;
import org.choreolab.core.Confidence;
import org.choreolab.core.ExperimentResult;
import org.choreolab.core.ResultRow;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.CategoryLineAnnotation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.CategoryItemRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * One PNG chart per metric: the set value of each row with its 95 % interval as an error bar; a
 * degenerate value in orange; a logarithmic axis (dots instead of bars) when the values span two orders
 * of magnitude or more; rows without a finite value named under the title.
 */
final class Charts {

    static final Color BAR = new Color(0x3b6ea5), REFERENCE = new Color(0x8a8a8a), DEGENERATE = new Color(0xe07b00);

    /** Values whose largest is at least this many times the smallest (all positive) get a log axis. */
    static final double LOG_SPAN = 100;

    private Charts() {
    }

    /** The chart of {@code metric}; false when no row has a finite value. */
    static boolean chart(ExperimentResult r, String metric, Path png) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        Map<String, Confidence> intervals = new LinkedHashMap<>();
        List<Paint> paints = new ArrayList<>();
        List<String> omitted = new ArrayList<>();
        boolean anyDegenerate = false;
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (ResultRow row : r.tableRows()) {
            SetValue v = row.setValues().get(metric);
            if (v == null || !Double.isFinite(v.value())) {
                omitted.add(row.name() + (v == null ? "" : " (" + Numbers.format(v.value()) + ")"));
                continue;
            }
            String label = row.name() + (v.degenerate() ? " " + Table.DEGENERATE : "");
            data.addValue(v.value(), metric, label);
            paints.add(v.degenerate() ? DEGENERATE : row.isReference() ? REFERENCE : BAR);
            anyDegenerate |= v.degenerate();
            min = Math.min(min, v.value());
            max = Math.max(max, v.value());
            Confidence c = row.confidence().get(metric);
            if (c != null) {
                intervals.put(label, c);
            }
        }
        if (data.getColumnCount() == 0) {
            return false;
        }
        boolean log = min > 0 && max / min >= LOG_SPAN;
        String axisLabel = MetricLabels.header(metric) + (log ? " (log scale)" : "");
        ValueAxis range;
        CategoryItemRenderer renderer;
        if (log) {
            LogAxis a = new LogAxis(axisLabel);
            a.setSmallestValue(min / 10);
            a.setAutoRange(true);
            range = a;
            // Bars need a zero to stand on, which a log axis has not: dots instead.
            LineAndShapeRenderer dots = new LineAndShapeRenderer(false, true) {
                private static final long serialVersionUID = 1L;

                @Override
                public Paint getItemPaint(int row, int column) {
                    return paints.get(column);
                }
            };
            dots.setDefaultShapesFilled(true);
            renderer = dots;
        } else {
            NumberAxis a = new NumberAxis(axisLabel);
            a.setAutoRangeIncludesZero(true);
            range = a;
            BarRenderer bars = new BarRenderer() {
                private static final long serialVersionUID = 1L;

                @Override
                public Paint getItemPaint(int row, int column) {
                    return paints.get(column);
                }
            };
            bars.setBarPainter(new StandardBarPainter());
            bars.setShadowVisible(false);
            bars.setMaximumBarWidth(0.12);
            renderer = bars;
        }
        CategoryAxis domain = new CategoryAxis();
        domain.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        domain.setMaximumCategoryLabelLines(2);
        CategoryPlot plot = new CategoryPlot(data, domain, range, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        BasicStroke whisker = new BasicStroke(1.5f);
        double lowest = min;
        for (Map.Entry<String, Confidence> e : intervals.entrySet()) {
            double lo = e.getValue().low(), hi = e.getValue().high();
            lowest = Math.min(lowest, lo);
            if (log) {
                lo = Math.max(lo, min / 10);
            }
            plot.addAnnotation(new CategoryLineAnnotation(e.getKey(), lo, e.getKey(), hi, Color.BLACK, whisker));
        }
        // Whiskers are annotations: make the axis reach their ends too.
        double top = Math.max(max, intervals.values().stream().mapToDouble(Confidence::high).max().orElse(max));
        if (!log) {
            double span = Math.max(top - Math.min(0, lowest), 1e-12);
            range.setRange(lowest < 0 ? lowest - 0.05 * span : 0, top + 0.08 * span);
        } else {
            range.setRange(min / 2, Math.max(top, max) * 2);
        }
        JFreeChart chart = new JFreeChart(MetricLabels.name(metric) + " (" + r.experiment().protocol() + ")",
                JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        List<String> sub = new ArrayList<>();
        if (!intervals.isEmpty()) {
            sub.add("error bars: 95 % bootstrap interval over sequences");
        }
        if (anyDegenerate) {
            sub.add("orange " + Table.DEGENERATE + ": degenerate value, do not compare (see the report's footnotes)");
        }
        if (!omitted.isEmpty()) {
            sub.add("no finite value: " + String.join(", ", omitted));
        }
        sub.forEach(s -> chart.addSubtitle(new TextTitle(s)));
        Files.createDirectories(png.toAbsolutePath().getParent());
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 720, 480);
        return true;
    }
}
