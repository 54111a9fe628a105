package org.choreolab.ui.internal.watch;

import org.choreolab.ui.internal.UiPrefs;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

import jakarta.inject.Named;

/**
 * Watch Sequence: opens the Watch view on a sequence with generators beside the ground truth and
 * generates it (the Sequences view's double-click; the self-test). Without a sequence, the first of
 * the view's list; without a length, the preference's (5 s by default).
 */
public final class WatchSequenceHandler {

    public static final String DATASET = "org.choreolab.ui.commandparameter.dataset";
    public static final String SEQUENCE = "org.choreolab.ui.commandparameter.sequence";
    public static final String GENERATORS = "org.choreolab.ui.commandparameter.generators";
    public static final String SECONDS = "org.choreolab.ui.commandparameter.seconds";

    @Execute
    public void execute(EPartService parts, @Optional @Named(DATASET) String dataset, @Optional @Named(SEQUENCE) String sequence,
            @Optional @Named(GENERATORS) String generators, @Optional @Named(SECONDS) String seconds) {
        MPart p = parts.showPart(WatchPart.ID, EPartService.PartState.ACTIVATE);
        if (p != null && p.getObject() instanceof WatchPart wp) {
            double s;
            try {
                s = Double.parseDouble(seconds != null ? seconds : UiPrefs.get(UiPrefs.WATCH_SECONDS));
            } catch (NumberFormatException e) {
                s = 5;
            }
            wp.watch(dataset == null ? "" : dataset, sequence, ids(generators), s);
        }
    }

    static java.util.List<String> ids(String commaSeparated) {
        return commaSeparated == null || commaSeparated.isBlank() ? java.util.List.of()
                : java.util.Arrays.stream(commaSeparated.split("\\s*,\\s*")).toList();
    }
}
