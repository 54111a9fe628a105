package org.choreolab.ui.internal.evaluate;

import org.choreolab.api.model.MotionGenerator;

/** "fact-pytorch: fact35 at 60 fps", "random-clip: none": what a generator declares it is given. */
final class GeneratorNeedsText {

    private GeneratorNeedsText() {
    }

    static String of(MotionGenerator g) {
        try {
            var needs = g.descriptor().needs();
            if (!needs.needsMusic()) {
                return g.id() + ": none";
            }
            double fps = needs.fps();
            String rate = fps <= 0 ? " at the dataset's rate"
                    : " at " + (fps == Math.rint(fps) ? Long.toString((long) fps) : Double.toString(fps)) + " fps";
            return g.id() + ": " + needs.musicEncoder() + rate;
        } catch (RuntimeException e) {
            return g.getClass().getName() + ": cannot describe itself";
        }
    }
}
