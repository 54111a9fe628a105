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
        assertEquals("0.9240", f.number(0.92404));
        assertEquals("6.837e+09", f.number(6836625872.9), "large values in scientific notation");
        assertEquals("1.230e-04", f.number(0.000123), "tiny ones too");
        assertEquals("0.0000", f.number(0), "zero is zero");
        assertEquals("NaN", f.number(Double.NaN));
        assertEquals("18.6777 ± 0.5000", f.interval(18.6777, 0.5));
        assertEquals("18.6777", f.interval(18.6777, Double.NaN), "no interval, no ±");
        assertEquals("6836625872.90", new Formats(2, "fixed").number(6836625872.9));
        assertEquals("9.24e-01", new Formats(3, "scientific").number(0.92404));
    }

    /** List.of for mixed ints (readable assertions). */
    private static final class List2 {
        static java.util.List<Integer> of(int... v) {
            return java.util.Arrays.stream(v).boxed().toList();
        }
    }
}
