package org.choreolab.metrics.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.choreolab.api.motion.MotionClip;
import org.choreolab.metrics.BeatAlign;
import org.choreolab.metrics.Joints;
import org.choreolab.metrics.Protocol;
import org.choreolab.motion.Smpl;
import org.junit.jupiter.api.Test;

/** FACT's Beat Align on generated clips skips the seed and reads the whole track's beats (mint calculate_beat_scores.py:200-208). */
class BeatAlignConventionsTest {

    /**
     * Every joint moves along x; its per-frame displacement is 0.01 (1.5 + (2/ω) sin(ω/2) cos ωt), ω = 2π/40, so
     * the motion beats (minima of speed) fall exactly on frames 20, 60, 100, …
     */
    static float[] pulsing(int frames) {
        float[] p = new float[frames * 72];
        for (int f = 0; f < frames; f++) {
            double w = 2 * Math.PI / 40;
            double x = 0.01 * (1.5 * f + Math.sin(w * (f + 0.5)) / w);
            for (int j = 0; j < 24; j++) {
                p[72 * f + 3 * j] = (float) x;
                p[72 * f + 3 * j + 1] = 0.05f * j;
            }
        }
        return p;
    }

    static double score(int... distances) {
        double s = 0;
        for (int d : distances) {
            s += Math.exp(-(double) d * d / 2 / 9);
        }
        return s / distances.length;
    }

    @Test
    void generatedClipsSkipTheSeedAndSeeBeatsAfterTheEnd() {
        Joints q = new Joints(pulsing(280), 280);
        int[] music = {118, 200, 285};
        BeatAlign.Score real = BeatAlign.fact(q, music);
        assertArrayEquals(new int[] {20, 60, 100, 140, 180, 220, 260}, real.motionBeats());
        // Real: music beats within the motion only (118, 200); every motion beat counts.
        assertEquals(score(98, 58, 18, 22, 20, 20, 60), real.value(), 1e-15);
        BeatAlign.Score gen = BeatAlign.fact(q, music, 120);
        assertArrayEquals(new int[] {140, 180, 220, 260}, gen.motionBeats());
        // Generated: beats from frame 120 on (200, 285); 285 lies after the clip's end and is 260's nearest.
        assertEquals(score(60, 20, 20, 25), gen.value(), 1e-15);
        assertEquals(2, gen.musicBeatsUsed());
        // No motion beat after the seed: 0, as mint's alignment_score returns for an empty list.
        assertEquals(0.0, BeatAlign.fact(new Joints(pulsing(125), 125), music, 120).value());
    }

    @Test
    void theProtocolAppliesItToGeneratedClipsOnly() {
        MotionClip c = new MotionClip(Smpl.NEUTRAL, 60, null, null, pulsing(280));
        int[] music = {118, 200, 285};
        assertEquals(score(98, 58, 18, 22, 20, 20, 60), Protocol.FACT.beatAlign(c, music, true).value(), 1e-15);
        assertEquals(score(60, 20, 20, 25), Protocol.FACT.beatAlign(c, music, false).value(), 1e-15);
        assertEquals(score(60, 20, 20, 25), Protocol.FACT_PAPER.beatAlign(c, music, false).value(), 1e-15);
        // A generated clip longer than seed + 1200 frames is scored as mint's evaluator writes it: its first 1320.
        MotionClip longer = new MotionClip(Smpl.NEUTRAL, 60, null, null, pulsing(2000));
        BeatAlign.Score s = Protocol.FACT.beatAlign(longer, new int[] {140, 1500}, false);
        assertEquals(1300, s.motionBeats()[s.motionBeats().length - 1], "the last beat found within frames 0-1319");
    }
}
