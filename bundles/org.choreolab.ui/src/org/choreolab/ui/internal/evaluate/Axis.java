package org.choreolab.ui.internal.evaluate;

import java.util.ArrayList;
import java.util.List;

/** A vertical value axis, linear or logarithmic, from value to pixel row, with round ticks. */
record Axis(boolean log, double lo, double hi, int top, int bottom) {

    int y(double v) {
        double t = log ? (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo)) : (v - lo) / (hi - lo);
        return (int) Math.round(bottom - Math.max(-0.05, Math.min(1.05, t)) * (bottom - top));
    }

    /**
     * Each decade on a log axis; about five round steps (1, 2 or 5 × 10^k) on a linear one; fewer of either
     * where the axis is too short for neighbouring labels to stand {@code minGap} pixels apart (a short chart
     * at 1024 × 768 had five labels on top of each other).
     */
    List<Double> ticks(int minGap) {
        int height = Math.max(1, bottom - top);
        List<Double> out = new ArrayList<>();
        if (log) {
            int first = (int) Math.round(Math.log10(lo)), last = (int) Math.round(Math.log10(hi));
            double perDecade = (double) height / Math.max(1, last - first);
            int stride = Math.max(1, (int) Math.ceil(minGap / perDecade));
            for (int k = first; k <= last; k += stride) {
                out.add(Math.pow(10, k));
            }
            return out;
        }
        double raw = (hi - lo) / 5, mag = Math.pow(10, Math.floor(Math.log10(raw))), f = raw / mag;
        double step = (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * mag;
        double least = minGap * (hi - lo) / height;
        if (step < least) {
            // the smallest round step whose labels stand minGap apart
            mag = Math.pow(10, Math.floor(Math.log10(least)));
            f = least / mag;
            step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
        }
        for (double v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) {
            out.add(Math.abs(v) < step * 1e-9 ? 0 : v);
        }
        return out;
    }
}
