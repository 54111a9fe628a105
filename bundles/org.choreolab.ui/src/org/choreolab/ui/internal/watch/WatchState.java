package org.choreolab.ui.internal.watch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.choreolab.ui.internal.UiPrefs;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;

/**
 * The Watch view's choices kept in its part's persisted state: dataset, sequence, what is ticked beside the
 * ground truth, the output folders added (one {@code NAME=DIR} a line) and the length.
 */
final class WatchState {

    private static final String DATASET = "dataset", SEQUENCE = "sequence", GENERATORS = "generators", SECONDS = "seconds",
            OUTPUTS = "outputs";

    private WatchState() {
    }

    /** Shows the kept choices (the preferences' defaults when there are none); {@code part} may be null. */
    static void restore(WatchForm form, MPart part) {
        Map<String, String> kept = part == null ? Map.of() : part.getPersistedState();
        form.addOutputs(parse(kept.getOrDefault(OUTPUTS, "")));
        form.tick(List.of(kept.getOrDefault(GENERATORS, UiPrefs.get(UiPrefs.WATCH_GENERATORS)).split("\\s*,\\s*")));
        form.seconds(Double.parseDouble(kept.getOrDefault(SECONDS, UiPrefs.get(UiPrefs.WATCH_SECONDS))));
        form.sequence(kept.get(SEQUENCE));
        form.dataset.select(kept.getOrDefault(DATASET, ""));
    }

    static void persist(WatchForm form, MPart part) {
        Map<String, String> state = part.getPersistedState();
        state.put(DATASET, form.dataset.location());
        state.put(SEQUENCE, form.sequence());
        state.put(GENERATORS, String.join(",", form.chosen()));
        StringBuilder outs = new StringBuilder();
        form.allOutputs().forEach((name, dir) -> outs.append(name).append('=').append(dir).append('\n'));
        state.put(OUTPUTS, outs.toString());
        double s = form.seconds();
        state.put(SECONDS, Double.isInfinite(s) ? "0" : Double.toString(s));
    }

    /** NAME to DIR from {@code NAME=DIR} lines (names have no '='; folders may). */
    private static Map<String, String> parse(String lines) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : lines.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                out.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return out;
    }
}
