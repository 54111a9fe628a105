package org.choreolab.ui.internal.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The chart's value axis: about five round ticks where there is room, fewer where their labels would touch. */
class AxisTest {

    @Test
    void aTallAxisHasAboutFiveRoundTicks() {
        assertEquals(List.of(0.0, 0.2, 0.4, 0.6000000000000001, 0.8), new Axis(false, 0, 0.9, 20, 320).ticks(19));
        assertEquals(List.of(1e-3, 1e-2, 1e-1, 1.0, 10.0, 100.0, 1000.0), new Axis(true, 1e-3, 1e3, 20, 320).ticks(19));
    }

    @Test
    void aShortAxisKeepsItsLabelsApart() {
        // 60 px for 0 … 0.9: five ticks would stand 13 px apart, under one label's height
        assertEquals(List.of(0.0, 0.5), new Axis(false, 0, 0.9, 20, 80).ticks(19));
        assertEquals(List.of(1e-3, 1.0, 1000.0), new Axis(true, 1e-3, 1e3, 20, 60).ticks(19));
        for (int height : new int[] {25, 40, 60, 95, 140, 300}) {
            for (double hi : new double[] {0.013, 0.9, 7.974, 67.38, 369.2, 12_360}) {
                Axis a = new Axis(false, 0, hi, 10, 10 + height);
                List<Double> t = a.ticks(19);
                assertTrue(!t.isEmpty() && t.get(0) == 0, height + " px, 0 … " + hi + ": " + t);
                for (int i = 1; i < t.size(); i++) {
                    int gap = a.y(t.get(i - 1)) - a.y(t.get(i));
                    assertTrue(gap >= 18, height + " px, 0 … " + hi + ": ticks " + t + " stand " + gap + " px apart");
                }
            }
        }
    }
}
