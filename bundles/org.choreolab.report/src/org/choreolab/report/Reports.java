package org.choreolab.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.choreolab.core.ExperimentResult;
import org.choreolab.core.ResultRow;
import org.choreolab.core.SequenceOutcome;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Writes {@code results.csv}, {@code results.tex}, {@code report.html} and one
 * {@code chart-<metric>.png} per metric beside an evaluation's {@code results.json}.
 */
public final class Reports {

    private Reports() {
    }

    /** Writes every report file into {@code dir} and returns their paths. */
    public static List<Path> write(ExperimentResult result, Path dir, Map<String, String> conventions) throws IOException {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        out.add(write(dir.resolve("results.csv"), csv(result)));
        out.add(write(dir.resolve("results.tex"), latex(result)));
        List<String> charts = new ArrayList<>();
        for (String m : result.metricIds()) {
            Path png = dir.resolve("chart-" + m + ".png");
            if (chart(result, m, png)) {
                out.add(png);
                charts.add(png.getFileName().toString());
            }
        }
        out.add(write(dir.resolve("report.html"), html(result, charts, conventions)));
        return out;
    }

    private static Path write(Path p, String text) throws IOException {
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    static String fmt(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.4f", v);
    }

    /** generator, name, backend, sequences ok, then one column per metric. */
    public static String csv(ExperimentResult r) {
        StringBuilder b = new StringBuilder("generator,name,backend,sequences_ok,sequences");
        r.metricIds().forEach(m -> b.append(',').append(m));
        b.append('\n');
        for (ResultRow row : r.rows()) {
            b.append(row.id()).append(',').append(quote(row.name())).append(',').append(row.backend()).append(',')
                    .append(ok(row)).append(',').append(r.sequenceIds().size());
            for (String m : r.metricIds()) {
                b.append(',').append(fmt(row.set().get(m)));
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static long ok(ResultRow row) {
        return row.sequences().values().stream().filter(o -> !o.failed()).count();
    }

    /** A booktabs table for a paper, the ground truth first. */
    public static String latex(ExperimentResult r) {
        StringBuilder b = new StringBuilder();
        b.append("% Choreolab evaluation: dataset ").append(r.datasetName()).append(", split ").append(r.experiment().split())
                .append(", protocol ").append(r.experiment().protocol()).append('\n');
        b.append("\\begin{tabular}{l").append("r".repeat(r.metricIds().size())).append("}\n\\toprule\nMethod");
        r.metricIds().forEach(m -> b.append(" & ").append(latexName(m)));
        b.append(" \\\\\n\\midrule\n");
        for (ResultRow row : r.rows()) {
            b.append(row.name().replace("&", "\\&").replace("_", "\\_"));
            for (String m : r.metricIds()) {
                Double v = row.set().get(m);
                b.append(" & ").append(v == null ? "--" : String.format(Locale.ROOT, "%.2f", v));
            }
            b.append(" \\\\\n");
            if (row.isReference()) {
                b.append("\\midrule\n");
            }
        }
        b.append("\\bottomrule\n\\end{tabular}\n");
        return b.toString();
    }

    private static String latexName(String m) {
        return switch (m) {
            case "fid_k" -> "FID$_k\\downarrow$";
            case "fid_g" -> "FID$_g\\downarrow$";
            case "div_k" -> "Div$_k$";
            case "div_g" -> "Div$_g$";
            case "bas" -> "BAS$\\uparrow$";
            case "pfc" -> "PFC$\\downarrow$";
            default -> m.replace("_", "\\_");
        };
    }

    /** A bar chart of one metric's set value per row; false when no row has a value. */
    static boolean chart(ExperimentResult r, String metric, Path png) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (ResultRow row : r.rows()) {
            Double v = row.set().get(metric);
            if (v != null && Double.isFinite(v)) {
                data.addValue(v, metric, row.name());
            }
        }
        if (data.getColumnCount() == 0) {
            return false;
        }
        JFreeChart chart = ChartFactory.createBarChart(metric + " (" + r.experiment().protocol() + ")", null, metric, data,
                PlotOrientation.VERTICAL, false, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        ((BarRenderer) plot.getRenderer()).setSeriesPaint(0, new Color(0x3b6ea5));
        ((BarRenderer) plot.getRenderer()).setShadowVisible(false);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 640, 420);
        return true;
    }

    /**
     * Mean per genre of each per-sequence scalar (e.g. bas, pfc), per row: row name → genre → metric
     * → mean. Set metrics (FID, Div) have no per-sequence value and do not appear.
     */
    public static Map<String, Map<String, Map<String, Double>>> perGenre(ExperimentResult r) {
        Map<String, Map<String, Map<String, Double>>> out = new TreeMap<>();
        Map<String, String> genres = r.genres();
        for (ResultRow row : r.rows()) {
            Map<String, Map<String, double[]>> acc = new TreeMap<>();
            for (SequenceOutcome o : row.sequences().values()) {
                String g = genres.getOrDefault(o.sequenceId(), "?");
                o.values().forEach((metric, v) -> v.scalars().forEach((k, x) -> {
                    if (k.equals(metric)) {
                        double[] a = acc.computeIfAbsent(g, q -> new TreeMap<>()).computeIfAbsent(metric, q -> new double[2]);
                        a[0] += x;
                        a[1]++;
                    }
                }));
            }
            Map<String, Map<String, Double>> means = new TreeMap<>();
            acc.forEach((g, m) -> m.forEach((metric, a) -> means.computeIfAbsent(g, q -> new TreeMap<>()).put(metric, a[0] / a[1])));
            out.put(row.name(), means);
        }
        return out;
    }

    static String html(ExperimentResult r, List<String> charts, Map<String, String> conventions) {
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Choreolab evaluation</title>\n"
                + "<style>body{font-family:sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse;margin:1em 0}"
                + "td,th{border:1px solid #ccc;padding:.3em .6em;text-align:right}td:first-child,th:first-child{text-align:left}"
                + "tr.ref{font-style:italic;background:#f4f4f4}img{margin:.5em;border:1px solid #eee}</style></head><body>\n");
        b.append("<h1>Choreolab evaluation</h1>\n<p>Dataset <b>").append(esc(r.datasetName())).append("</b>, split <code>")
                .append(esc(r.experiment().split())).append("</code>, ").append(r.sequenceIds().size())
                .append(" sequences, protocol <code>").append(esc(r.experiment().protocol())).append("</code>")
                .append(r.shard().isEmpty() ? "" : ", shard " + esc(r.shard())).append(".</p>\n");
        b.append("<table><tr><th>Generator</th><th>Backend</th><th>Sequences ok</th>");
        r.metricIds().forEach(m -> b.append("<th>").append(esc(m)).append("</th>"));
        b.append("</tr>\n");
        for (ResultRow row : r.rows()) {
            b.append(row.isReference() ? "<tr class=\"ref\">" : "<tr>").append("<td>").append(esc(row.name())).append("</td><td>")
                    .append(esc(row.backend())).append("</td><td>").append(ok(row)).append('/').append(r.sequenceIds().size()).append("</td>");
            for (String m : r.metricIds()) {
                b.append("<td>").append(fmt(row.set().get(m))).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n");
        Map<String, Map<String, Map<String, Double>>> genres = perGenre(r);
        TreeSet<String> genreNames = new TreeSet<>();
        TreeSet<String> scalarMetrics = new TreeSet<>();
        genres.values().forEach(g -> g.forEach((name, m) -> {
            genreNames.add(name);
            scalarMetrics.addAll(m.keySet());
        }));
        for (String metric : scalarMetrics) {
            b.append("<h2>").append(esc(metric)).append(" per genre</h2>\n<table><tr><th>Generator</th>");
            genreNames.forEach(g -> b.append("<th>").append(esc(g)).append("</th>"));
            b.append("</tr>\n");
            genres.forEach((row, g) -> {
                b.append("<tr><td>").append(esc(row)).append("</td>");
                for (String name : genreNames) {
                    Map<String, Double> m = g.get(name);
                    b.append("<td>").append(m == null ? "" : fmt(m.get(metric))).append("</td>");
                }
                b.append("</tr>\n");
            });
            b.append("</table>\n");
        }
        if (!charts.isEmpty()) {
            b.append("<h2>Charts</h2>\n");
            charts.forEach(c -> b.append("<img src=\"").append(esc(c)).append("\" alt=\"").append(esc(c)).append("\">\n"));
        }
        if (!conventions.isEmpty()) {
            b.append("<h2>Conventions</h2>\n<dl>\n");
            conventions.forEach((k, v) -> b.append("<dt><code>").append(esc(k)).append("</code></dt><dd>").append(esc(v)).append("</dd>\n"));
            b.append("</dl>\n");
        }
        List<String> notes = new ArrayList<>(r.problems());
        for (ResultRow row : r.rows()) {
            if (row.error() != null) {
                notes.add(row.name() + ": " + row.error());
            }
            row.setErrors().forEach((m, e) -> notes.add(row.name() + ", " + m + ": " + e));
        }
        if (!notes.isEmpty()) {
            b.append("<h2>Notes</h2>\n<ul>\n");
            notes.forEach(n -> b.append("<li>").append(esc(n)).append("</li>\n"));
            b.append("</ul>\n");
        }
        return b.append("</body></html>\n").toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
