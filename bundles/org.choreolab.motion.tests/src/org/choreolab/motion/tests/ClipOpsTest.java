package org.choreolab.motion.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.choreolab.api.motion.MotionClip;
import org.choreolab.motion.ClipOps;
import org.choreolab.motion.ForwardKinematics;
import org.choreolab.motion.Smpl;
import org.junit.jupiter.api.Test;

class ClipOpsTest {

    private static MotionClip randomClip(int frames) {
        SplittableRandom r = new SplittableRandom(3);
        float[] t = new float[3 * frames];
        float[] aa = new float[72 * frames];
        for (int f = 0; f < frames; f++) {
            t[3 * f] = (float) (0.01 * f);
            t[3 * f + 1] = 0.9f;
            t[3 * f + 2] = (float) (-0.02 * f);
            for (int i = 0; i < 72; i++) {
                aa[72 * f + i] = (float) ((r.nextDouble() - 0.5) * 0.6 + 0.002 * f);
            }
        }
        return new ForwardKinematics(Smpl.NEUTRAL).withPositions(new MotionClip(Smpl.NEUTRAL, 60, t, aa, null));
    }

    @Test
    void forwardKinematicsOfTheRestPoseIsTheSumOfOffsets() {
        float[] t = {0.1f, 0.9f, -0.2f};
        float[] aa = new float[72];
        float[] p = new ForwardKinematics(Smpl.NEUTRAL).compute(t, aa, 1, new float[72]);
        // At rest the left wrist is the root plus the offsets along its chain 0-3-6-9-13-16-18-20.
        int[] chain = {3, 6, 9, 13, 16, 18, 20};
        double x = 0.1, y = 0.9, z = -0.2;
        for (int j : chain) {
            x += Smpl.NEUTRAL.offset(j, 0);
            y += Smpl.NEUTRAL.offset(j, 1);
            z += Smpl.NEUTRAL.offset(j, 2);
        }
        assertEquals(x, p[60], 1e-6);
        assertEquals(y, p[61], 1e-6);
        assertEquals(z, p[62], 1e-6);
    }

    @Test
    void resamplingToHalfTheRateKeepsEveryOtherFrame() {
        MotionClip c = randomClip(61);
        MotionClip h = ClipOps.resample(c, 30);
        assertEquals(31, h.frameCount());
        assertEquals(30, h.fps());
        for (int f = 0; f < h.frameCount(); f++) {
            for (int j = 0; j < 24; j++) {
                for (int k = 0; k < 3; k++) {
                    assertEquals(c.position(2 * f, j, k), h.position(f, j, k), 1e-5, "frame " + f + " joint " + j);
                }
            }
        }
        MotionClip d = ClipOps.resample(c, 120);
        assertEquals(121, d.frameCount());
        // The inserted frame's root is halfway (translation is interpolated linearly).
        assertEquals((c.translation(0, 0) + c.translation(1, 0)) / 2, d.translation(1, 0), 1e-7);
    }

    @Test
    void mirroringTwiceIsTheIdentityAndSwapsSides() {
        MotionClip c = randomClip(5);
        MotionClip m = ClipOps.mirror(c);
        int l = Smpl.NEUTRAL.indexOf("lwrist"), r = Smpl.NEUTRAL.indexOf("rwrist");
        assertEquals(-c.position(2, l, 0), m.position(2, r, 0), 1e-7);
        assertEquals(c.position(2, l, 1), m.position(2, r, 1), 1e-7);
        assertEquals(-c.rotation(2, l, 1), m.rotation(2, r, 1), 1e-7);
        MotionClip mm = ClipOps.mirror(m);
        for (int f = 0; f < 5; f++) {
            for (int j = 0; j < 24; j++) {
                for (int k = 0; k < 3; k++) {
                    assertEquals(c.rotation(f, j, k), mm.rotation(f, j, k), 0);
                    assertEquals(c.position(f, j, k), mm.position(f, j, k), 0);
                }
            }
        }
    }

    @Test
    void aligningPutsTheFirstRootAtTheOriginOfTheFloor() {
        MotionClip c = ClipOps.alignRoot(randomClip(4));
        assertEquals(0, c.position(0, 0, 0), 1e-7);
        assertEquals(0, c.position(0, 0, 2), 1e-7);
        assertEquals(0.9, c.position(0, 0, 1), 1e-6);
        assertEquals(0.03, c.translation(3, 0), 1e-6);
    }
}
