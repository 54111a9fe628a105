package org.choreolab.ui.internal.evaluate;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.choreolab.core.Experiment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An experiment's {@code outputs}: folders of motions another program generated, scored under a name
 * like any generator (issue #13, {@code evaluate --outputs NAME=DIR}). The core is adding the field to
 * {@link Experiment}; this class reads and writes it through the experiment's JSON form, so the form's
 * "Add outputs folder…" works as soon as the field exists, whether the core keeps it as a map
 * ({@code {"NAME": "DIR"}}) or a list ({@code ["NAME=DIR"]}). Until then {@link #supported()} is false and the
 * button says why.
 */
final class ExperimentOutputs {

    private ExperimentOutputs() {
    }

    /** Whether this core's Experiment has the field. */
    static boolean supported() {
        return Arrays.stream(Experiment.class.getRecordComponents()).anyMatch(c -> c.getName().equals("outputs"));
    }

    /** NAME → DIR of {@code ex}; empty when none (or not supported). */
    static Map<String, String> of(Experiment ex) {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode n = ExperimentFiles.JSON.valueToTree(ex).get("outputs");
        if (n != null && n.isObject()) {
            n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        } else if (n != null && n.isArray()) {
            n.forEach(v -> {
                String s = v.asText();
                int eq = s.indexOf('=');
                if (eq > 0) {
                    out.put(s.substring(0, eq), s.substring(eq + 1));
                }
            });
        }
        return out;
    }

    /** {@code ex} with these outputs (unchanged when the core has no such field). */
    static Experiment with(Experiment ex, Map<String, String> outputs) {
        if (!supported()) {
            return ex;
        }
        ObjectNode n = ExperimentFiles.JSON.valueToTree(ex);
        JsonNode shape = n.get("outputs");
        if (shape != null && shape.isArray()) {
            var a = n.putArray("outputs");
            outputs.forEach((k, v) -> a.add(k + "=" + v));
        } else {
            ObjectNode o = n.putObject("outputs");
            outputs.forEach(o::put);
        }
        try {
            return ExperimentFiles.JSON.treeToValue(n, Experiment.class);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("outputs: " + e.getMessage(), e);
        }
    }
}
