package org.choreolab.ui.internal;

import java.util.function.Consumer;

import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.swt.widgets.Control;

/**
 * The Numbers preferences as a view follows them. e4 injects them before the view's controls exist and
 * again on every change, from any thread: the formats are kept until the view shows its table
 * ({@link #show}), which gets them then and after each change, on the UI thread while it is not
 * disposed. One place for what the Evaluate and Sequences views both need.
 */
public final class FollowedFormats {

    private volatile Formats formats = Formats.DEFAULT;
    private volatile Control control;
    private Consumer<Formats> apply;

    /** The preference values as injected (text; unset: the defaults); a table shown is formatted again through {@code ui}. */
    public void follow(UISynchronize ui, String digits, String notation) {
        formats = Formats.of(digits, notation);
        if (control != null) {
            ui.asyncExec(this::applyNow);
        }
    }

    /** The view's table is there: {@code apply} gets the formats now and after each change while {@code c} lives. */
    public void show(Control c, Consumer<Formats> apply) {
        this.control = c;
        this.apply = apply;
        applyNow();
    }

    private void applyNow() {
        if (!control.isDisposed()) {
            apply.accept(formats);
        }
    }
}
