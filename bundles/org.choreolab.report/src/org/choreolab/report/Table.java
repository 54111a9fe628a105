package org.choreolab.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.choreolab.api.metric.Flag;
import org.choreolab.api.metric.SetValue;
import org.choreolab.core.Confidence;
import org.choreolab.core.ExperimentResult;
import org.choreolab.core.ResultRow;

/**
 * The comparison table as every output shows it (console, Markdown, LaTeX, HTML, the workbench's cells
 * and tooltips): per row and metric the value in {@link Numbers}' format, its 95 % interval, and a mark
 * for each flag — {@code ⚠n} beside a degenerate value (ill-posed: do not compare it), {@code [n]} for a
 * note — whose one-line reason is footnote {@code n}. Flags with the same reason share one footnote.
 */
public final class Table {

    /** Mark of a degenerate value. */
    public static final String DEGENERATE = "⚠";

    /**
     * One cell.
     *
     * @param value    the value as formatted, {@code –} when there is none
     * @param interval {@code [low, high]} or empty
     * @param marks    the flags' marks ({@code ⚠1}, {@code [2]})
     * @param degenerate whether a flag says the value is ill-posed
     * @param tooltip  several lines: the value, its interval and how it was computed, each flag with its reason,
     *                 or the error that left the cell empty
     */
    public record Cell(String value, String interval, List<String> marks, boolean degenerate, String tooltip) {

        /** Value, interval and marks on one line: {@code 23.46 [19.12, 28.90] ⚠1}. */
        public String text() {
            StringBuilder b = new StringBuilder(value);
            if (!interval.isEmpty()) {
                b.append(' ').append(interval);
            }
            marks.forEach(m -> b.append(' ').append(m));
            return b.toString();
        }
    }

    /**
     * A footnote: the flag, the metric and the rows it is about.
     *
     * @param mark   {@code ⚠1} or {@code [2]}
     */
    public record Footnote(String mark, String metric, List<String> rows, Flag flag) {

        /** {@code ⚠1 FID_g of Lift, Random clip — degenerate (near_constant_feature): …}. */
        public String line() {
            return mark + " " + MetricLabels.name(metric) + " of " + String.join(", ", rows) + " — "
                    + flag.severity().name().toLowerCase(java.util.Locale.ROOT) + " (" + flag.code() + "): " + flag.reason();
        }
    }

    private final ExperimentResult result;
    private final List<ResultRow> rows;
    private final Map<String, Cell> cells = new LinkedHashMap<>();
    private final List<Footnote> footnotes = new ArrayList<>();

    private Table(ExperimentResult result) {
        this.result = result;
        this.rows = result.tableRows();
        Map<String, Integer> numbers = new LinkedHashMap<>();
        Map<Integer, List<String>> rowsOf = new LinkedHashMap<>();
        Map<Integer, Object[]> what = new LinkedHashMap<>();
        for (ResultRow row : rows) {
            for (String m : result.metricIds()) {
                SetValue v = row.setValues().get(m);
                List<String> marks = new ArrayList<>();
                if (v != null) {
                    // Degenerate flags first: they are the ones that change how the value may be read.
                    List<Flag> flags = new ArrayList<>(v.flags(Flag.Severity.DEGENERATE));
                    flags.addAll(v.flags(Flag.Severity.NOTE));
                    for (Flag f : flags) {
                        String key = m + "\u0000" + f.severity() + "\u0000" + f.code() + "\u0000" + f.reason();
                        int n = numbers.computeIfAbsent(key, k -> numbers.size() + 1);
                        rowsOf.computeIfAbsent(n, k -> new ArrayList<>()).add(row.name());
                        what.putIfAbsent(n, new Object[] {m, f});
                        marks.add(mark(f, n));
                    }
                }
                cells.put(key(row, m), cell(row, m, v, marks));
            }
        }
        what.forEach((n, mf) -> footnotes.add(new Footnote(mark((Flag) mf[1], n), (String) mf[0], rowsOf.get(n), (Flag) mf[1])));
    }

    /** The table of a result (its rows without the repeated runs, its metrics). */
    public static Table of(ExperimentResult result) {
        return new Table(result);
    }

    public ExperimentResult result() {
        return result;
    }

    public List<ResultRow> rows() {
        return rows;
    }

    public List<String> metrics() {
        return result.metricIds();
    }

    /** The cell of a row (by id, repeated runs included: a row not in the table gets its own marks numbered 1…). */
    public Cell cell(ResultRow row, String metric) {
        Cell c = cells.get(key(row, metric));
        if (c != null) {
            return c;
        }
        SetValue v = row.setValues().get(metric);
        List<String> marks = new ArrayList<>();
        if (v != null) {
            int n = 1;
            for (Flag f : v.flags()) {
                marks.add(mark(f, n++));
            }
        }
        return cell(row, metric, v, marks);
    }

    /** The footnotes in mark order. */
    public List<Footnote> footnotes() {
        return footnotes;
    }

    /** "n sequences ok" as shown: {@code 18/20}. */
    public String sequencesOk(ResultRow row) {
        return row.okCount() + "/" + result.sequenceIds().size();
    }

    /** One sentence on how values and intervals are shown, for under a table. */
    public String legend() {
        int b = result.experiment().resamples();
        StringBuilder s = new StringBuilder();
        if (b > 0) {
            s.append("Each value is followed by its 95 % bootstrap interval over sequences [low, high] (")
                    .append(Numbers.count(b)).append(" resamples with replacement, seed ").append(result.experiment().seed())
                    .append("; the percentiles are measured from the resamples' median and laid around the value, since "
                            + "resampling alone raises FID and lowers Div). ");
        } else {
            s.append("No confidence intervals (resamples 0). ");
        }
        s.append(DEGENERATE).append("n marks a degenerate value (numerically ill-posed: do not compare it), [n] a note; ")
                .append("footnote n says why. ").append(MetricLabels.legend(result.metricIds())).append('.');
        return s.toString();
    }

    private Cell cell(ResultRow row, String metric, SetValue v, List<String> marks) {
        if (v == null) {
            String error = row.setErrors().get(metric);
            String tip = MetricLabels.header(metric) + ": no value" + (error != null ? ": " + error
                    : row.error() != null ? ": " + row.error() : "");
            return new Cell("–", "", List.of(), false, tip);
        }
        Confidence c = row.confidence().get(metric);
        String interval = c == null ? "" : Numbers.interval(c.low(), c.high(), v.value());
        StringBuilder tip = new StringBuilder(MetricLabels.header(metric)).append(" = ").append(Numbers.format(v.value()));
        if (c != null) {
            tip.append("\n95 % interval ").append(interval).append(" (").append(Numbers.count(c.resamples())).append(" resamples");
            if (c.failed() > 0) {
                tip.append(", ").append(c.failed()).append(" could not be scored");
            }
            tip.append("; their median ").append(Numbers.formatLike(c.median(), v.value())).append(')');
        }
        List<Flag> flags = new ArrayList<>(v.flags(Flag.Severity.DEGENERATE));
        flags.addAll(v.flags(Flag.Severity.NOTE));
        for (int i = 0; i < flags.size(); i++) {
            Flag f = flags.get(i);
            tip.append('\n').append(marks.size() > i ? marks.get(i) + " " : "")
                    .append(f.isDegenerate() ? "degenerate" : "note").append(" (").append(f.code()).append("): ").append(f.reason());
        }
        return new Cell(Numbers.format(v.value()), interval, List.copyOf(marks), v.degenerate(), tip.toString());
    }

    private static String mark(Flag f, int n) {
        return f.isDegenerate() ? DEGENERATE + n : "[" + n + "]";
    }

    private static String key(ResultRow row, String metric) {
        return row.id() + "\u0000" + metric;
    }
}
