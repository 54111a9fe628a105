package org.choreolab.ui.internal;

import org.eclipse.jface.window.DefaultToolTip;
import org.eclipse.jface.window.ToolTip;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;

/**
 * Tooltips that open below the control they describe, never over it. GTK places native tooltips at
 * the pointer, where they hide the very combo or list being explained; a JFace tooltip placed under
 * the control's bottom edge leaves it visible and usable.
 */
public final class Hints {

    private static final String KEY = "org.choreolab.ui.hint";

    private Hints() {
    }

    /** Shows {@code text} below {@code control} when the pointer rests on it (replaces an earlier hint). */
    public static void below(Control control, String text) {
        Object old = control.getData(KEY);
        if (old instanceof Below b) {
            b.setText(text);
            return;
        }
        Below b = new Below(control);
        b.setText(text);
        control.setData(KEY, b);
    }

    /** A push button that runs {@code action}, with its hint below it. */
    public static Button button(Composite parent, String text, Runnable action, String hint) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        b.addListener(SWT.Selection, e -> action.run());
        below(b, hint);
        return b;
    }

    /** The hint of {@code control}, or null. */
    public static String text(Control control) {
        return control.getData(KEY) instanceof Below b ? b.text : null;
    }

    private static final class Below extends DefaultToolTip {
        private final Control control;
        private String text;

        Below(Control control) {
            super(control, ToolTip.NO_RECREATE, false);
            this.control = control;
            setPopupDelay(600);
            setHideOnMouseDown(true);
        }

        @Override
        public void setText(String text) {
            this.text = text;
            super.setText(text);
        }

        @Override
        public Point getLocation(Point tipSize, Event event) {
            // Under the control's bottom edge, at the pointer's x: the control stays in sight.
            return control.toDisplay(Math.max(0, event.x - 8), control.getSize().y + 4);
        }
    }
}
