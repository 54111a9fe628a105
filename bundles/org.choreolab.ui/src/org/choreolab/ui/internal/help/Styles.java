package org.choreolab.ui.internal.help;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.eclipse.swt.custom.StyleRange;

/** Nested style runs (bold inside a link, code in a heading) as the disjoint, ordered ranges StyledText takes. */
final class Styles {

    private Styles() {
    }

    static StyleRange[] flatten(List<StyleRange> runs, int textLength) {
        TreeSet<Integer> cuts = new TreeSet<>();
        for (StyleRange r : runs) {
            cuts.add(Math.max(0, r.start));
            cuts.add(Math.min(textLength, r.start + r.length));
        }
        List<StyleRange> out = new ArrayList<>();
        Integer from = null;
        for (int to : cuts) {
            if (from != null && to > from) {
                StyleRange seg = null;
                for (StyleRange r : runs) {
                    if (r.start <= from && r.start + r.length >= to) {
                        if (seg == null) {
                            seg = new StyleRange();
                            seg.start = from;
                            seg.length = to - from;
                        }
                        seg.fontStyle |= r.fontStyle;
                        seg.underline |= r.underline;
                        seg.font = r.font != null ? r.font : seg.font;
                        seg.foreground = r.foreground != null ? r.foreground : seg.foreground;
                        seg.background = r.background != null ? r.background : seg.background;
                        seg.data = r.data != null ? r.data : seg.data;
                    }
                }
                if (seg != null) {
                    out.add(seg);
                }
            }
            from = to;
        }
        return out.toArray(StyleRange[]::new);
    }
}
