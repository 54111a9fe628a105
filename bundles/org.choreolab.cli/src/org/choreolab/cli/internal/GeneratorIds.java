package org.choreolab.cli.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.choreolab.api.model.MotionGenerator;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Generator ids on the command line are exact: a prefix or a near miss is a usage error (exit 2)
 * that says what was meant, never a silent pick ("ambiguous: fact-mxnet, fact-pytorch").
 */
final class GeneratorIds {

    private GeneratorIds() {
    }

    /**
     * The generator named {@code id}; with {@code engine}, the generator {@code id-engine} or the
     * generator {@code id} on that engine.
     */
    static MotionGenerator resolve(Services services, CommandLine cl, String option, String id, String engine) {
        List<MotionGenerator> all = services.registry().services(MotionGenerator.class);
        for (MotionGenerator g : all) {
            if (engine == null ? g.id().equals(id)
                    : g.id().equals(id + "-" + engine.toLowerCase(Locale.ROOT))
                            || g.id().equals(id) && g.descriptor().backend().equalsIgnoreCase(engine)) {
                return g;
            }
        }
        String shown = option + " " + id + (engine == null ? "" : " --engine " + engine);
        List<String> ids = all.stream().map(MotionGenerator::id).toList();
        List<String> prefixed = ids.stream().filter(x -> x.startsWith(id)).toList();
        if (engine == null && prefixed.size() > 1) {
            throw new ParameterException(cl, shown + ": ambiguous: " + String.join(", ", prefixed)
                    + " (give the full id, or --engine where the command has it)");
        }
        List<String> near = new ArrayList<>(prefixed);
        for (String x : ids) {
            if (!near.contains(x) && (x.contains(id) || id.contains(x) || distance(x, id) <= Math.max(2, id.length() / 4))) {
                near.add(x);
            }
        }
        throw new ParameterException(cl, shown + ": no such generator"
                + (near.isEmpty() ? "" : "; did you mean " + String.join(", ", near) + "?")
                + " (installed: " + String.join(", ", ids) + ")");
    }

    /** Levenshtein distance, for suggestions. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1], cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1], prev[j]) + 1, prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
