package org.choreolab.ui.internal.watch;

/** The Watch view's status line and state, for failure messages of tests outside this package. */
public final class WatchAccess {
    private WatchAccess() {
    }

    public static String status(WatchPart part) {
        return "'" + part.status() + "' sequence '" + part.form.sequence() + "' of " + part.form.sequences().size() + ", generators "
                + part.form.chosen() + ", loading " + part.loading() + ", dataset reading " + part.form.dataset.reading();
    }
}
