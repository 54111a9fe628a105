package org.choreolab.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.e4.ui.model.application.ui.basic.MBasicFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MTrimmedWindow;
import org.eclipse.swt.graphics.Rectangle;
import org.junit.jupiter.api.Test;

/** The small rules the workbench's layout and numbers follow. */
class LayoutUnitsTest {

    @Test
    void aWindowLargerThanTheScreenIsFittedAndCentred() {
        MTrimmedWindow w = MBasicFactory.INSTANCE.createTrimmedWindow();
        w.setWidth(1400);
        w.setHeight(900);
        Rectangle screen = new Rectangle(0, 0, 1024, 768);
        LifeCycle.fit(w, screen);
        assertTrue(w.getWidth() <= 1024 && w.getHeight() <= 768, "fits: " + w.getWidth() + "×" + w.getHeight());
        assertEquals(List2.of(w.getX(), w.getY()), List2.of((1024 - w.getWidth()) / 2, (768 - w.getHeight()) / 2), "centred");
        w.setX(100);
        w.setY(50);
        w.setWidth(800);
        w.setHeight(600);
        LifeCycle.fit(w, screen);
        assertEquals(List2.of(100, 50, 800, 600), List2.of(w.getX(), w.getY(), w.getWidth(), w.getHeight()),
                "a window that fits keeps its place and size (restored state)");
    }

    @Test
    void numbersAreWrittenReadably() {
        Formats f = Formats.DEFAULT;
        // By default exactly the report bundle's formatter, as results.md and the console write values.
        for (double v : new double[] {0.92404, 6836625872.9, 0.000123, 0, Double.NaN, 18.6777, 1.2313e20}) {
            assertEquals(org.choreolab.report.Numbers.format(v), f.number(v), "the reports' text of " + v);
        }
        assertEquals("6.837e9", f.number(6836625872.9), "large values in scientific notation");
        assertEquals(org.choreolab.report.Numbers.interval(17.1, 20.25, 18.6777), f.interval(17.1, 20.25, 18.6777));
        // The Numbers preference page's choices.
        assertEquals("6836625872.90", new Formats(2, "fixed").number(6836625872.9));
        assertEquals("9.24e-1", new Formats(3, "scientific").number(0.92404));
        assertEquals("19", new Formats(2, "auto").number(18.6777), "significant digits");
        assertEquals("[17, 20]", new Formats(2, "auto").interval(17.1, 20.25, 18.6777));
    }

    /** List.of for mixed ints (readable assertions). */
    private static final class List2 {
        static java.util.List<Integer> of(int... v) {
            return java.util.Arrays.stream(v).boxed().toList();
        }
    }
}
