package org.choreolab.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.choreolab.api.metric.Flag;
import org.choreolab.api.metric.SetValue;
import org.choreolab.core.Comparison;
import org.choreolab.core.Confidence;
import org.choreolab.core.ExperimentResult;
import org.choreolab.core.OutputSource;
import org.choreolab.core.RepeatSpread;
import org.choreolab.core.ResultFiles;
import org.choreolab.core.ResultRow;

/**
 * Writes the tables for reading beside an evaluation's {@code results.json}: {@code results.md} (which
 * the command line also prints), {@code results.csv} (full precision), {@code results.tex},
 * {@code report.html} and one {@code chart-<metric>.png} per metric. Every one of them shows each set
 * value with its interval and marks a flagged value with its reason ({@link Table}), in {@link Numbers}'
 * format and {@link MetricLabels}' units.
 */
public final class Reports {

    public static final String RESULTS_MD = "results.md";

    private Reports() {
    }

    /**
     * Writes every report file into {@code dir} and returns their paths.
     *
     * @param descriptions one line per metric id (and {@code protocol}), shown in the HTML page
     */
    public static List<Path> write(ExperimentResult result, Path dir, Map<String, String> descriptions) throws IOException {
        Files.createDirectories(dir);
        List<Path> out = new ArrayList<>();
        out.add(write(dir.resolve(RESULTS_MD), Markdown.of(result)));
        out.add(write(dir.resolve("results.csv"), csv(result)));
        out.add(write(dir.resolve("results.tex"), latex(result)));
        List<String> charts = new ArrayList<>();
        for (String m : result.metricIds()) {
            Path png = dir.resolve("chart-" + m + ".png");
            if (Charts.chart(result, m, png)) {
                out.add(png);
                charts.add(png.getFileName().toString());
            }
        }
        out.add(write(dir.resolve("report.html"), html(result, charts, descriptions)));
        return out;
    }

    /** The comparison table in Markdown (what {@code evaluate} prints). */
    public static String markdown(ExperimentResult result) {
        return Markdown.of(result);
    }

    private static Path write(Path p, String text) throws IOException {
        ResultFiles.writeAtomically(p, text);
        return p;
    }

    /**
     * One line per table row: generator, name, kind, backend, sequences ok, sequences, then per metric its
     * value, interval ends and flags ({@code severity code: reason}, separated by {@code " | "}), in full
     * precision.
     */
    public static String csv(ExperimentResult r) {
        StringBuilder b = new StringBuilder("generator,name,kind,backend,sequences_ok,sequences");
        r.metricIds().forEach(m -> b.append(',').append(m).append(',').append(m).append("_low,").append(m).append("_high,").append(m)
                .append("_flags"));
        b.append('\n');
        for (ResultRow row : r.tableRows()) {
            b.append(quote(row.id())).append(',').append(quote(row.name())).append(',').append(row.kind().name().toLowerCase())
                    .append(',').append(quote(row.backend())).append(',').append(row.okCount()).append(',').append(r.sequenceIds().size());
            for (String m : r.metricIds()) {
                SetValue v = row.setValues().get(m);
                Confidence c = row.confidence().get(m);
                b.append(',').append(v == null ? "" : Numbers.full(v.value()));
                b.append(',').append(c == null ? "" : Numbers.full(c.low()));
                b.append(',').append(c == null ? "" : Numbers.full(c.high()));
                List<String> flags = new ArrayList<>();
                if (v != null) {
                    for (Flag f : v.flags()) {
                        flags.add(f.severity().name().toLowerCase() + " " + f.code() + ": " + f.reason());
                    }
                } else if (row.setErrors().containsKey(m)) {
                    flags.add("error: " + row.setErrors().get(m));
                }
                b.append(',').append(quote(String.join(" | ", flags)));
            }
            b.append('\n');
        }
        return b.toString();
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /**
     * A booktabs table for a paper, the ground truth first: value with its interval in small type,
     * $\dagger$n beside a degenerate value and a superscript n for a note, the footnotes below.
     */
    public static String latex(ExperimentResult r) {
        Table t = Table.of(r);
        StringBuilder b = new StringBuilder();
        b.append("% Choreolab evaluation: dataset ").append(r.datasetName()).append(", split ").append(r.experiment().split())
                .append(", protocol ").append(r.experiment().protocol()).append(", ").append(r.sequenceIds().size()).append(" sequences\n");
        b.append("% needs \\usepackage{booktabs}\n");
        b.append("\\begin{tabular}{l").append("r".repeat(r.metricIds().size())).append("}\n\\toprule\nMethod");
        r.metricIds().forEach(m -> b.append(" & ").append(MetricLabels.latex(m)));
        b.append(" \\\\\n\\midrule\n");
        for (ResultRow row : t.rows()) {
            b.append(Latex.escape(row.name()));
            for (String m : r.metricIds()) {
                Table.Cell c = t.cell(row, m);
                b.append(" & ");
                if (c.value().equals("–")) {
                    b.append("--");
                    continue;
                }
                b.append(Latex.escape(c.value()));
                if (!c.interval().isEmpty()) {
                    b.append(" {\\scriptsize ").append(Latex.escape(c.interval())).append('}');
                }
                if (!c.marks().isEmpty()) {
                    b.append("$^{").append(String.join(",", c.marks().stream().map(Reports::latexMark).toList())).append("}$");
                }
            }
            b.append(" \\\\\n");
            if (row.isReference()) {
                b.append("\\midrule\n");
            }
        }
        b.append("\\bottomrule\n\\end{tabular}\n");
        List<String> notes = new ArrayList<>();
        if (r.experiment().resamples() > 0) {
            notes.add("Values with their 95\\,\\% bootstrap interval over sequences (" + Numbers.count(r.experiment().resamples())
                    + " resamples).");
        }
        for (Table.Footnote f : t.footnotes()) {
            notes.add("$^{" + latexMark(f.mark()) + "}$ " + Latex.escape(f.line().substring(f.mark().length() + 1)));
        }
        if (!notes.isEmpty()) {
            b.append("\n\\par\\smallskip{\\footnotesize\n");
            notes.forEach(n -> b.append(n).append("\\par\n"));
            b.append("}\n");
        }
        return b.toString();
    }

    private static String latexMark(String mark) {
        return mark.startsWith(Table.DEGENERATE) ? "\\dagger " + mark.substring(Table.DEGENERATE.length()) : mark.replaceAll("[\\[\\]]", "");
    }

    /** A bar chart of one metric's set value per row with its interval; false when no row has a value. */
    static boolean chart(ExperimentResult r, String metric, Path png) throws IOException {
        return Charts.chart(r, metric, png);
    }

    /**
     * Per table row, genre and metric, the set value over that genre's sequences (metrics kept as one number
     * per sequence: Beat Align, PFC; in the units of the whole table): row name → genre → metric → value.
     */
    public static Map<String, Map<String, Map<String, Double>>> perGenre(ExperimentResult r) {
        Map<String, Map<String, Map<String, Double>>> out = new TreeMap<>();
        for (ResultRow row : r.tableRows()) {
            Map<String, Map<String, Double>> g = new TreeMap<>();
            row.byGenre().forEach((genre, byMetric) -> byMetric.forEach((m, v) -> g.computeIfAbsent(genre, x -> new TreeMap<>())
                    .put(m, v.value())));
            out.put(row.name(), g);
        }
        return out;
    }

    static String html(ExperimentResult r, List<String> charts, Map<String, String> descriptions) {
        Table t = Table.of(r);
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Choreolab evaluation</title>\n"
                + "<style>body{font-family:sans-serif;margin:2em;max-width:80em}table{border-collapse:collapse;margin:1em 0}"
                + "td,th{border:1px solid #ccc;padding:.3em .6em;text-align:right;vertical-align:top}"
                + "td:first-child,th:first-child{text-align:left}tr.ref{font-style:italic;background:#f4f4f4}"
                + "td.degenerate{background:#fde8cc}.ci{color:#555;font-size:85%}.mark{color:#b35900;font-weight:bold}"
                + "img{margin:.5em;border:1px solid #eee}dd{margin-bottom:.4em}</style></head><body>\n");
        b.append("<h1>Choreolab evaluation</h1>\n<p>Dataset <b>").append(esc(r.datasetName())).append("</b>, split <code>")
                .append(esc(r.experiment().split())).append("</code>, ").append(r.sequenceIds().size())
                .append(" sequences, protocol <code>").append(esc(r.experiment().protocol())).append("</code>")
                .append(r.shard().isEmpty() ? "" : ", shard " + esc(r.shard())).append(".</p>\n");
        b.append("<table><tr><th>Generator</th><th>Backend</th><th>Sequences ok</th>");
        r.metricIds().forEach(m -> b.append("<th>").append(esc(MetricLabels.header(m))).append("</th>"));
        b.append("</tr>\n");
        for (ResultRow row : t.rows()) {
            b.append(row.isReference() ? "<tr class=\"ref\">" : "<tr>").append("<td>").append(esc(row.name())).append("</td><td>")
                    .append(esc(row.backend())).append("</td><td>").append(t.sequencesOk(row)).append("</td>");
            for (String m : r.metricIds()) {
                Table.Cell c = t.cell(row, m);
                b.append("<td title=\"").append(esc(c.tooltip())).append('"').append(c.degenerate() ? " class=\"degenerate\"" : "")
                        .append('>').append(esc(c.value()));
                if (!c.interval().isEmpty()) {
                    b.append(" <span class=\"ci\">").append(esc(c.interval())).append("</span>");
                }
                c.marks().forEach(k -> b.append(" <span class=\"mark\">").append(esc(k)).append("</span>"));
                b.append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n<p>").append(esc(t.legend())).append("</p>\n");
        if (!t.footnotes().isEmpty()) {
            b.append("<ul>\n");
            t.footnotes().forEach(f -> b.append("<li>").append(esc(f.line())).append("</li>\n"));
            b.append("</ul>\n");
        }
        if (!r.comparisons().isEmpty()) {
            b.append("<h2>Comparisons</h2>\n<p>").append(esc(Markdown.comparisonSentence(r).replace("`", ""))).append("</p>\n");
            b.append("<table><tr><th>Metric</th><th>A</th><th>B</th><th>A − B</th><th>95 % interval</th><th>p</th>"
                    + "<th>Significant at 5 %</th><th>Sequences</th><th>Pair</th></tr>\n");
            for (Comparison c : r.comparisons()) {
                b.append("<tr><td>").append(esc(MetricLabels.header(c.metric()))).append("</td><td>").append(esc(Markdown.name(r, c.a())))
                        .append("</td><td>").append(esc(Markdown.name(r, c.b()))).append("</td><td>").append(Numbers.format(c.difference()))
                        .append("</td><td>").append(Numbers.interval(c.low(), c.high(), c.difference())).append("</td><td>")
                        .append(esc(Numbers.pValue(c.p()))).append("</td><td>").append(c.significant() ? "yes" : "no").append("</td><td>")
                        .append(c.shared()).append("</td><td>").append(esc(c.chosen())).append("</td></tr>\n");
            }
            b.append("</table>\n");
        }
        if (!r.repeats().isEmpty()) {
            b.append("<h2>Repeats</h2>\n<p>Mean ± standard deviation of each set value over runs with seeds seed, seed + 1, ….</p>\n")
                    .append("<table><tr><th>Generator</th><th>Seeds</th>");
            r.metricIds().forEach(m -> b.append("<th>").append(esc(MetricLabels.header(m))).append("</th>"));
            b.append("</tr>\n");
            for (RepeatSpread s : r.repeats()) {
                b.append("<tr><td>").append(esc(Markdown.name(r, s.generator()))).append(s.deterministic() ? " (deterministic)" : "")
                        .append("</td><td>").append(esc(s.seeds().toString())).append("</td>");
                r.metricIds().forEach(m -> b.append("<td>").append(esc(Markdown.spread(s, m))).append("</td>"));
                b.append("</tr>\n");
            }
            b.append("</table>\n");
        }
        genreTables(r, t, b);
        if (!charts.isEmpty()) {
            b.append("<h2>Charts</h2>\n");
            charts.forEach(c -> b.append("<img src=\"").append(esc(c)).append("\" alt=\"").append(esc(c)).append("\">\n"));
        }
        if (!r.outputs().isEmpty()) {
            b.append("<h2>Output folders</h2>\n<ul>\n");
            for (OutputSource o : r.outputs().values()) {
                b.append("<li>").append(esc(o.name())).append(": <code>").append(esc(o.dir())).append("</code>, ").append(esc(o.description()))
                        .append("; missing ").append(o.missing().size()).append(" of ").append(r.sequenceIds().size())
                        .append(o.missing().isEmpty() ? "" : ": " + esc(String.join(", ", o.missing()))).append("</li>\n");
            }
            b.append("</ul>\n");
        }
        boolean anyChecks = r.rows().stream().anyMatch(row -> !Markdown.checkLines(row).isEmpty());
        if (anyChecks) {
            b.append("<h2>Clip checks</h2>\n<ul>\n");
            for (ResultRow row : r.rows()) {
                for (String l : Markdown.checkLines(row)) {
                    b.append("<li>").append(esc(row.name() + ", " + l)).append("</li>\n");
                }
            }
            b.append("</ul>\n");
        }
        Map<String, Map<String, String>> conventions = r.conventions();
        if (!descriptions.isEmpty() || !conventions.isEmpty()) {
            b.append("<h2>Conventions</h2>\n<dl>\n");
            descriptions.forEach((k, v) -> b.append("<dt><code>").append(esc(k)).append("</code></dt><dd>").append(esc(v)).append("</dd>\n"));
            conventions.forEach((m, c) -> c.forEach((k, v) -> b.append("<dt><code>").append(esc(m)).append('.').append(esc(k))
                    .append("</code></dt><dd>").append(esc(v)).append("</dd>\n")));
            b.append("</dl>\n");
        }
        List<String> notes = Markdown.notes(r);
        if (!notes.isEmpty()) {
            b.append("<h2>Notes</h2>\n<ul>\n");
            notes.forEach(n -> b.append("<li>").append(esc(n)).append("</li>\n"));
            b.append("</ul>\n");
        }
        return b.append("</body></html>\n").toString();
    }

    /** Per metric kept as one number per sequence, a table of its value per genre (rows × genres). */
    private static void genreTables(ExperimentResult r, Table t, StringBuilder b) {
        TreeSet<String> genres = new TreeSet<>();
        TreeSet<String> metrics = new TreeSet<>();
        for (ResultRow row : t.rows()) {
            row.byGenre().forEach((g, m) -> {
                genres.add(g);
                metrics.addAll(m.keySet());
            });
        }
        for (String metric : metrics) {
            b.append("<h2>").append(esc(MetricLabels.header(metric))).append(" per genre</h2>\n<table><tr><th>Generator</th>");
            genres.forEach(g -> b.append("<th>").append(esc(g)).append("</th>"));
            b.append("</tr>\n");
            for (ResultRow row : t.rows()) {
                b.append("<tr><td>").append(esc(row.name())).append("</td>");
                for (String g : genres) {
                    SetValue v = row.byGenre().getOrDefault(g, Map.of()).get(metric);
                    b.append("<td").append(v != null && v.degenerate() ? " class=\"degenerate\"" : "")
                            .append(v == null || v.flags().isEmpty() ? "" : " title=\"" + esc(String.join("\n",
                                    v.flags().stream().map(Flag::toString).toList())) + "\"")
                            .append('>').append(v == null ? "" : esc(Numbers.format(v.value()))
                                    + (v.degenerate() ? " <span class=\"mark\">" + Table.DEGENERATE + "</span>" : ""))
                            .append("</td>");
                }
                b.append("</tr>\n");
            }
            b.append("</table>\n");
        }
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
