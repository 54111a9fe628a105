package org.choreolab.motion.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;

import org.choreolab.api.motion.MotionClip;
import org.choreolab.motion.Autoregression;
import org.choreolab.motion.FactMotion;
import org.choreolab.motion.ForwardKinematics;
import org.choreolab.motion.Smpl;
import org.junit.jupiter.api.Test;

/** FACT's 225-d frame (mint's layout) and the windowed autoregression (mint's infer_auto_regressive). */
class FactMotionTest {

    private static MotionClip clip(int frames) {
        float[] t = new float[3 * frames], r = new float[72 * frames];
        for (int f = 0; f < frames; f++) {
            t[3 * f] = 0.1f * f;
            t[3 * f + 1] = 0.9f;
            t[3 * f + 2] = -0.2f;
            r[72 * f + 2] = (float) (Math.PI / 2); // the root turned 90° about z
            r[72 * f + 3 * 4] = 0.3f + 0.01f * f;  // the left knee bent about x
        }
        float[] p = new ForwardKinematics(Smpl.NEUTRAL).compute(t, r, frames, new float[72 * frames]);
        return new MotionClip(Smpl.NEUTRAL, 60, t, r, p);
    }

    @Test
    void aFrameIsSixZerosTheTranslationAndTwentyFourRowMajorMatrices() {
        float[] v = FactMotion.encode(clip(2), new float[2 * 225]);
        int o = 225; // frame 1
        assertArrayEquals(new float[6], java.util.Arrays.copyOfRange(v, o, o + 6));
        assertArrayEquals(new float[] {0.1f, 0.9f, -0.2f}, java.util.Arrays.copyOfRange(v, o + 6, o + 9), 1e-7f);
        // Rz(90°), row-major: [0 -1 0; 1 0 0; 0 0 1]
        assertArrayEquals(new float[] {0, -1, 0, 1, 0, 0, 0, 0, 1}, java.util.Arrays.copyOfRange(v, o + 9, o + 18), 1e-6f);
        // joint 1 (left hip) has no rotation: identity
        assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, java.util.Arrays.copyOfRange(v, o + 18, o + 27), 1e-7f);
    }

    @Test
    void decodingGivesTheClipBackWithItsJoints() {
        MotionClip c = clip(5);
        MotionClip back = FactMotion.decode(FactMotion.encode(c, new float[5 * 225]), 5, 60);
        for (int f = 0; f < 5; f++) {
            for (int j = 0; j < 24; j++) {
                for (int a = 0; a < 3; a++) {
                    assertEquals(c.rotation(f, j, a), back.rotation(f, j, a), 1e-5);
                    assertEquals(c.position(f, j, a), back.position(f, j, a), 1e-5);
                }
            }
        }
    }

    @Test
    void aBlockThatIsNoRotationIsProjectedToTheNearestOne() {
        float[] v = FactMotion.encode(clip(1), new float[225]);
        for (int k = 9; k < 18; k++) {
            v[k] *= 2; // twice Rz(90°)
        }
        v[0] = 5; // and junk in the padding
        FactMotion.projectRotations(v, 0);
        assertArrayEquals(new float[] {0, -1, 0, 1, 0, 0, 0, 0, 1}, java.util.Arrays.copyOfRange(v, 9, 18), 1e-6f);
        assertEquals(0, v[0]);
    }

    @Test
    void theNearestRotationOfANoisyRotationIsItsPolarFactor() {
        // R·S with S symmetric positive definite: the polar factor is R exactly.
        double c = Math.cos(0.7), s = Math.sin(0.7);
        double[] r = {c, 0, s, 0, 1, 0, -s, 0, c};
        double[] sym = {1.3, 0.2, 0.1, 0.2, 0.8, 0.05, 0.1, 0.05, 1.1};
        double[] m = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    m[3 * i + j] += r[3 * i + k] * sym[3 * k + j];
                }
            }
        }
        double[] out = new double[9];
        org.choreolab.motion.Rotations.nearestRotation(m, 0, out, 0);
        assertArrayEquals(r, out, 1e-10);
    }

    @Test
    void eachStepSeesTheMusicWindowThatStartsWithItsMotionWindow() throws Exception {
        // 1-d "frames" whose value is their index: the windows' first values tell where they start.
        int seedFrames = 4, window = 4, musicWindow = 6, total = 9;
        float[] seed = {0, 1, 2, 3};
        float[] music = new float[20];
        for (int i = 0; i < music.length; i++) {
            music[i] = i;
        }
        List<float[]> seen = new ArrayList<>();
        float[] out = Autoregression.run((m, a) -> {
            seen.add(new float[] {m[0], m[window - 1], a[0], a[musicWindow - 1]});
            return new float[] {m[window - 1] + 1, -1};
        }, seed, seedFrames, 1, window, music, 1, musicWindow, 1, total, Autoregression.NO_PROGRESS);
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8}, out);
        assertEquals(5, seen.size());
        for (int i = 0; i < seen.size(); i++) {
            // step i: motion frames [i, i+4), music frames [i, i+6), as mint: audio[:, i:i+240]
            assertArrayEquals(new float[] {i, i + 3, i, i + 5}, seen.get(i));
        }
    }

    @Test
    void aShortSeedIsPaddedWithItsFirstFrameAndMusicPastTheEndRepeatsItsLastFrame() throws Exception {
        float[] music = {10, 11, 12};
        List<float[]> windows = new ArrayList<>();
        Autoregression.run((m, a) -> {
            windows.add(m.clone());
            windows.add(a.clone());
            return new float[] {9, 9};
        }, new float[] {7, 8}, 2, 1, 4, music, 1, 4, 2, 4, Autoregression.NO_PROGRESS);
        assertArrayEquals(new float[] {7, 7, 7, 8}, windows.get(0), "two frames of padding in front");
        assertArrayEquals(new float[] {10, 10, 10, 11}, windows.get(1), "the music is aligned with the padded motion");
        assertThrows(IllegalArgumentException.class, () -> Autoregression.run((m, a) -> m, new float[] {1}, 1, 1, 2, music, 1, 2, 3, 4,
                Autoregression.NO_PROGRESS), "keep larger than the window");
    }
}
