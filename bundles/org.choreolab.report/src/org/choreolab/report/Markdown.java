package org.choreolab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.choreolab.core.ClipCheck;
import org.choreolab.core.Comparison;
import org.choreolab.core.ExperimentResult;
import org.choreolab.core.OutputSource;
import org.choreolab.core.RepeatSpread;
import org.choreolab.core.ResultRow;
import org.choreolab.core.SequenceOutcome;

/**
 * {@code results.md}, which {@code evaluate} and {@code merge} also print: the comparison table (values,
 * intervals, flag marks), the footnotes saying why a value is flagged, the paired comparisons, the spread
 * over repeated runs, the output folders read, the clip checks and the notes.
 */
public final class Markdown {

    /** Clip checks listed per row before "… and n more". */
    static final int CHECKS_LISTED = 10;

    private Markdown() {
    }

    public static String of(ExperimentResult result) {
        Table t = Table.of(result);
        StringBuilder b = new StringBuilder();
        b.append("# Choreolab evaluation\n\n");
        b.append("Dataset: ").append(result.datasetName()).append(", split `").append(result.experiment().split())
                .append("`, ").append(result.sequenceIds().size()).append(" sequences, protocol `")
                .append(result.experiment().protocol()).append("`.\n\n");
        if (result.metricIds().isEmpty()) {
            b.append("No metric is installed: nothing was scored.\n\n");
        }
        b.append("| generator | backend | sequences ok |");
        result.metricIds().forEach(m -> b.append(' ').append(MetricLabels.header(m)).append(" |"));
        b.append("\n|---|---|---:|");
        result.metricIds().forEach(m -> b.append("---:|"));
        b.append('\n');
        for (ResultRow r : t.rows()) {
            b.append("| ").append(cell(r.isReference() ? "*" + r.name() + "*" : r.name())).append(" | ").append(cell(r.backend()))
                    .append(" | ").append(t.sequencesOk(r)).append(" |");
            for (String m : result.metricIds()) {
                b.append(' ').append(cell(t.cell(r, m).text())).append(" |");
            }
            b.append('\n');
        }
        b.append('\n').append(t.legend()).append('\n');
        if (!t.footnotes().isEmpty()) {
            b.append('\n');
            t.footnotes().forEach(f -> b.append("- ").append(f.line()).append('\n'));
        }
        comparisons(result, b);
        repeats(result, b);
        outputs(result, b);
        checks(result, b);
        List<String> notes = notes(result);
        if (!notes.isEmpty()) {
            b.append("\nNotes:\n\n");
            notes.forEach(n -> b.append("- ").append(n).append('\n'));
        }
        if (!result.shard().isEmpty()) {
            b.append("\nShard ").append(result.shard()).append(": the set values cover this shard's sequences only; ")
                    .append("`choreolab merge` combines the shards into the whole table.\n");
        }
        if (result.canceled()) {
            b.append("\nThe run was cancelled: the table covers what was done before.\n");
        }
        return b.toString();
    }

    static void comparisons(ExperimentResult result, StringBuilder b) {
        if (result.comparisons().isEmpty()) {
            return;
        }
        b.append("\n## Comparisons\n\n");
        b.append(comparisonSentence(result)).append("\n\n");
        b.append("| metric | A | B | A − B | 95 % interval | p | significant at 5 % | sequences | pair |\n");
        b.append("|---|---|---|---:|---:|---:|---|---:|---|\n");
        for (Comparison c : result.comparisons()) {
            b.append("| ").append(MetricLabels.header(c.metric())).append(" | ").append(cell(name(result, c.a()))).append(" | ")
                    .append(cell(name(result, c.b()))).append(" | ").append(Numbers.format(c.difference())).append(" | ")
                    .append(Numbers.interval(c.low(), c.high(), c.difference())).append(" | ").append(Numbers.pValue(c.p()))
                    .append(" | ").append(c.significant() ? "yes" : "no").append(" | ").append(c.shared()).append(" | ")
                    .append(c.chosen()).append(" |\n");
        }
    }

    /** How the comparisons were made, in one sentence. */
    static String comparisonSentence(ExperimentResult result) {
        return "Paired bootstrap over the sequences both rows scored (" + Numbers.count(result.experiment().resamples())
                + " resamples, the same sequences drawn for both): the difference's 95 % interval and its two-sided p-value; "
                + (result.experiment().compare().isEmpty()
                        ? "per metric, the best generator against the runner-up (`--compare A,B` chooses the pair)."
                        : "the pair asked for with `--compare`.");
    }

    static void repeats(ExperimentResult result, StringBuilder b) {
        if (result.repeats().isEmpty()) {
            return;
        }
        b.append("\n## Repeats\n\nEach generator run with seeds seed, seed + 1, …: mean ± standard deviation of each set value over "
                + "the runs (a generator whose second run kept exactly the first run's values is deterministic and ran twice).\n\n");
        b.append("| generator | seeds |");
        result.metricIds().forEach(m -> b.append(' ').append(MetricLabels.header(m)).append(" |"));
        b.append("\n|---|---|");
        result.metricIds().forEach(m -> b.append("---:|"));
        b.append('\n');
        for (RepeatSpread r : result.repeats()) {
            b.append("| ").append(cell(name(result, r.generator()))).append(r.deterministic() ? " (deterministic)" : "").append(" | ")
                    .append(r.seeds().stream().map(String::valueOf).reduce((x, y) -> x + ", " + y).orElse("")).append(" |");
            for (String m : result.metricIds()) {
                b.append(' ').append(spread(r, m)).append(" |");
            }
            b.append('\n');
        }
    }

    /** {@code 23.46 ± 1.20 (3 runs)}. */
    static String spread(RepeatSpread r, String metric) {
        int n = r.runs(metric);
        if (n == 0) {
            return "–";
        }
        double mean = r.mean(metric), sd = r.sd(metric);
        return Numbers.format(mean) + (Double.isFinite(sd) ? " ± " + Numbers.formatLike(sd, mean) : "") + " (" + n + " run"
                + (n == 1 ? "" : "s") + ")";
    }

    static void outputs(ExperimentResult result, StringBuilder b) {
        if (result.outputs().isEmpty()) {
            return;
        }
        b.append("\n## Output folders\n\n");
        for (OutputSource o : result.outputs().values()) {
            b.append("- ").append(o.name()).append(": `").append(o.dir()).append("`, ").append(o.description()).append("; ");
            int n = result.sequenceIds().size();
            b.append(n - o.missing().size()).append(" of ").append(n).append(" sequences have a file");
            if (!o.missing().isEmpty()) {
                b.append("; missing (").append(o.missing().size()).append("): ").append(String.join(", ", o.missing()));
            }
            if (!o.unmatched().isEmpty()) {
                b.append("; ").append(o.unmatched().size()).append(" files name no sequence of the split and were not scored: ")
                        .append(String.join(", ", o.unmatched().subList(0, Math.min(10, o.unmatched().size()))))
                        .append(o.unmatched().size() > 10 ? ", …" : "");
            }
            b.append('\n');
            o.problems().forEach(p -> b.append("  - ").append(p).append('\n'));
        }
    }

    static void checks(ExperimentResult result, StringBuilder b) {
        StringBuilder c = new StringBuilder();
        for (ResultRow r : result.rows()) {
            List<String> lines = checkLines(r);
            if (lines.isEmpty()) {
                continue;
            }
            long sequences = r.sequences().values().stream().filter(o -> !o.checks().isEmpty()).count();
            c.append("- ").append(r.name()).append(": ").append(sequences).append(" of ").append(r.sequences().size())
                    .append(" sequences (scored all the same)\n");
            lines.stream().limit(CHECKS_LISTED).forEach(l -> c.append("  - ").append(l).append('\n'));
            if (lines.size() > CHECKS_LISTED) {
                c.append("  - … and ").append(lines.size() - CHECKS_LISTED).append(" more (results.json lists every one)\n");
            }
        }
        if (!c.isEmpty()) {
            b.append("\n## Clip checks\n\nProblems the motion itself shows (`ClipChecks`: NaN, root drift beyond 4 m, a joint more "
                    + "than 0.15 m below the floor, bones changing length by more than 5 %), each from its first bad frame:\n\n")
                    .append(c);
        }
    }

    /** One line per failed check of a row's sequences: {@code gBR_…: below_floor from frame 212: …}. */
    static List<String> checkLines(ResultRow r) {
        List<String> out = new ArrayList<>();
        for (SequenceOutcome o : r.sequences().values()) {
            for (ClipCheck k : o.checks()) {
                out.add(o.sequenceId() + ": " + k);
            }
        }
        return out;
    }

    /** Row errors, set errors and the run's problems, one line each. */
    static List<String> notes(ExperimentResult result) {
        List<String> notes = new ArrayList<>();
        for (ResultRow r : result.rows()) {
            if (r.error() != null) {
                notes.add(r.name() + ": " + r.error());
            }
            for (Map.Entry<String, String> e : r.setErrors().entrySet()) {
                notes.add(r.name() + ", " + MetricLabels.name(e.getKey()) + ": " + e.getValue());
            }
        }
        notes.addAll(result.problems());
        return notes;
    }

    static String name(ExperimentResult result, String rowId) {
        return result.row(rowId).map(ResultRow::name).orElse(rowId);
    }

    /** Text in a table cell: pipes escaped, never cut. */
    static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
