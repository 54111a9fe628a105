package org.choreolab.ui.internal;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Tree;

/** Whether a view's layout fits its area: nothing reaching outside it, no list squeezed to nothing. */
public final class Fits {

    private Fits() {
    }

    /** The visible controls under {@code root} that reach outside its client area or are squeezed, described. */
    public static List<String> problems(Composite root) {
        List<String> out = new ArrayList<>();
        Rectangle area = root.getClientArea();
        Point origin = root.toDisplay(area.x, area.y);
        Rectangle frame = new Rectangle(origin.x, origin.y, area.width, area.height);
        walk(root, frame, out);
        return out;
    }

    private static void walk(Composite parent, Rectangle frame, List<String> out) {
        for (Control c : parent.getChildren()) {
            if (!c.isVisible()) {
                continue;
            }
            Rectangle b = c.getBounds();
            if (b.width == 0 || b.height == 0) {
                continue; // a collapsed sash side or an empty label
            }
            Point at = parent.toDisplay(b.x, b.y);
            Rectangle d = new Rectangle(at.x, at.y, b.width, b.height);
            if (d.x < frame.x - 1 || d.y < frame.y - 1 || d.x + d.width > frame.x + frame.width + 1 || d.y + d.height > frame.y + frame.height + 1) {
                out.add(describe(c) + " at " + d + " outside " + frame);
            }
            if ((c instanceof Table || c instanceof Tree) && b.height < 40) {
                out.add(describe(c) + " squeezed to " + b.height + " px");
            }
            // Inside a composite too narrow for it, a control is cut by its parent though inside the view.
            Rectangle inner = parent.getClientArea();
            if (!(parent instanceof ScrolledComposite) && (b.x + b.width > inner.x + inner.width + 1 || b.y + b.height > inner.y + inner.height + 1)) {
                out.add(describe(c) + " at " + b + " cut by its parent's area " + inner);
            }
            // A button narrower than its text: "erate and watch".
            if (c instanceof Button btn && (btn.getStyle() & SWT.PUSH) != 0 && b.width < c.computeSize(SWT.DEFAULT, SWT.DEFAULT).x - 2) {
                out.add(describe(c) + " squeezed to " + b.width + " px, narrower than its text");
            }
            if (c instanceof Composite k && !(c instanceof Table) && !(c instanceof Tree) && !(c instanceof ScrolledComposite)) {
                walk(k, frame, out);
            }
        }
    }

    private static String describe(Control c) {
        String text = "";
        try {
            Object t = c.getClass().getMethod("getText").invoke(c);
            text = t == null ? "" : " '" + t + "'";
        } catch (ReflectiveOperationException | RuntimeException e) {
            // no text
        }
        return c.getClass().getSimpleName() + text;
    }
}
