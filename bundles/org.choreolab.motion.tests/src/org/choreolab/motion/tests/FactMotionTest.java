package org.choreolab.motion.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.choreolab.api.motion.MotionClip;
import org.choreolab.io.numpy.NdArray;
import org.choreolab.io.numpy.Npz;
import org.choreolab.motion.Autoregression;
import org.choreolab.motion.FactMotion;
import org.choreolab.motion.ForwardKinematics;
import org.choreolab.motion.Rotations;
import org.choreolab.motion.Smpl;
import org.choreolab.testing.Reference;
import org.junit.jupiter.api.Test;

/** FACT's 225-d frame (mint's layout and decoding) and the windowed autoregression (mint's infer_auto_regressive). */
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
    void theNearestRotationOfANoisyRotationWithPositiveDeterminantIsItsPolarFactor() {
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
    void mintStopsWhenTheMusicWindowRunsOut() throws Exception {
        // mint: for i in range(steps): audio = audio_input[:, i:i+L]; if shorter than L: break.
        float[] seed = {0, 1, 2, 3};
        float[] music = new float[8];
        List<Float> firstMusic = new ArrayList<>();
        float[] out = Autoregression.run((m, a) -> {
            firstMusic.add(a[0]);
            return new float[] {m[3] + 1};
        }, seed, 4, 1, 4, indices(music), 1, 6, 1, 20, Autoregression.Policy.MINT, Autoregression.NO_PROGRESS);
        // music windows [0,6), [1,7), [2,8): three steps, then the window would run past frame 7
        assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6}, out);
        assertEquals(List.of(0f, 1f, 2f), firstMusic);
        assertEquals(7, Autoregression.framesWithinMusic(4, 4, 8, 6, 1, 20));
        assertEquals(5, Autoregression.framesWithinMusic(4, 4, 8, 6, 1, 5), "never more than asked");
        assertEquals(4, Autoregression.framesWithinMusic(4, 4, 5, 6, 1, 20), "no step fits: the seed alone");
        // the same with FILL goes on to the frames asked for, the music's last frame repeated
        assertEquals(20, Autoregression.run((m, a) -> new float[] {a[5]}, seed, 4, 1, 4, indices(music), 1, 6, 1, 20,
                Autoregression.Policy.FILL, Autoregression.NO_PROGRESS).length);
    }

    @Test
    void mintRefusesASeedShorterThanTheWindow() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Autoregression.run((m, a) -> m,
                new float[] {7, 8}, 2, 1, 4, new float[10], 1, 4, 1, 6, Autoregression.Policy.MINT, Autoregression.NO_PROGRESS));
        assertEquals("seed: 2 frames, the motion window needs 4", e.getMessage());
    }

    /**
     * FactMotion.decode turns a raw FACT rollout into poses as mint's evaluation does
     * (recover_to_axis_angles: get_closest_rotmat, then scipy's as_rotvec); reference by those
     * functions on the seed and 30 raw steps of the reference rollout.
     */
    @Test
    void decodingARawRolloutIsMintsRecoverToAxisAngles() throws Exception {
        Map<String, NdArray> ref = Npz.read(Reference.file("fact-rollout/fact-rollout.npz"));
        float[] seed = ref.get("seed").toFloats(), raw = ref.get("raw").toFloats();
        int frames = 150;
        float[] features = new float[frames * 225];
        System.arraycopy(seed, 0, features, 0, seed.length);
        System.arraycopy(raw, 0, features, seed.length, raw.length);
        MotionClip c = FactMotion.decode(features, frames, 60);
        double[] aa = ref.get("raw_axis_angles").toDoubles(), tr = ref.get("raw_translation").toDoubles();
        double[] a = new double[9], b = new double[9];
        double worst = 0;
        for (int f = 0; f < frames; f++) {
            for (int k = 0; k < 3; k++) {
                assertEquals(tr[3 * f + k], c.translation(f, k), 1e-6, "translation of frame " + f);
            }
            for (int j = 0; j < 24; j++) {
                int o = 3 * (24 * f + j);
                // compared as matrices: at an angle of π the axis' sign is arbitrary
                Rotations.axisAngleToMatrix(aa[o], aa[o + 1], aa[o + 2], a, 0);
                Rotations.axisAngleToMatrix(c.rotation(f, j, 0), c.rotation(f, j, 1), c.rotation(f, j, 2), b, 0);
                for (int k = 0; k < 9; k++) {
                    worst = Math.max(worst, Math.abs(a[k] - b[k]));
                }
            }
        }
        assertTrue(worst < 2e-6, "fact-rollout.npz raw_axis_angles: decoded rotations differ by " + worst);
    }

    private static float[] indices(float[] a) {
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        return a;
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
