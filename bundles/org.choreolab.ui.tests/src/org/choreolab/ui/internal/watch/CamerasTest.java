package org.choreolab.ui.internal.watch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.choreolab.api.motion.MotionClip;
import org.choreolab.testing.Fakes;
import org.choreolab.visual.skeleton.Camera;
import org.choreolab.visual.skeleton.SkeletonPainter;
import org.junit.jupiter.api.Test;

/** A dancer who travels far stays in the picture, followed or framed. */
class CamerasTest {

    /** Two joints travelling 20 m along x in 2 s, the root at 1 m, the tip a metre above. */
    private static MotionClip travelling() {
        int frames = 120;
        float[] pos = new float[frames * 6];
        for (int f = 0; f < frames; f++) {
            float x = 20f * f / (frames - 1);
            pos[6 * f] = x;
            pos[6 * f + 1] = 1;
            pos[6 * f + 3] = x;
            pos[6 * f + 4] = 2;
        }
        return new MotionClip(Fakes.TWO_JOINTS, 60, null, null, pos);
    }

    @Test
    void followingKeepsTheDancerNearTheMiddle() {
        MotionClip c = travelling();
        SkeletonPainter.Panel p = new SkeletonPainter.Panel(c, "t", 0, new Camera());
        Cameras cams = new Cameras();
        double[] at = new double[3];
        for (int f = 0; f < c.frameCount(); f++) {
            cams.place(List.of(p), f / 60.0, 300, 400);
            for (int j = 0; j < 2; j++) {
                assertTrue(p.camera().project(c.position(f, j, 0), c.position(f, j, 1), c.position(f, j, 2), 0, 0, 300, 400, at),
                        "frame " + f + " joint " + j + " is in front of the camera");
                assertTrue(at[0] > 60 && at[0] < 240 && at[1] > 0 && at[1] < 400,
                        "frame " + f + " joint " + j + " near the middle of a 300 × 400 panel: " + at[0] + ", " + at[1]);
            }
        }
    }

    @Test
    void framingShowsEveryFrameFromOnePlace() {
        MotionClip c = travelling();
        SkeletonPainter.Panel p = new SkeletonPainter.Panel(c, "t", 0, new Camera());
        Cameras cams = new Cameras();
        cams.mode(Cameras.Mode.FRAME);
        cams.orbit(40, -10);
        double[] at = new double[3];
        for (int f = 0; f < c.frameCount(); f++) {
            cams.place(List.of(p), 0, 200, 400);
            for (int j = 0; j < 2; j++) {
                assertTrue(p.camera().project(c.position(f, j, 0), c.position(f, j, 1), c.position(f, j, 2), 0, 0, 200, 400, at),
                        "frame " + f + " joint " + j + " is in front of the camera");
                assertTrue(at[0] >= 0 && at[0] <= 200 && at[1] >= 0 && at[1] <= 400,
                        "frame " + f + " joint " + j + " inside a 200 × 400 panel: " + at[0] + ", " + at[1]);
            }
        }
    }
}
