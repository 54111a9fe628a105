package org.choreolab.model.fact.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.choreolab.api.audio.AudioEncoder;
import org.choreolab.api.audio.AudioFeatures;
import org.choreolab.api.data.Dataset;
import org.choreolab.api.data.Sequence;
import org.choreolab.api.model.Network;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.metrics.ClipChecks;
import org.choreolab.model.fact.internal.FactModel;
import org.choreolab.model.fact.internal.FactRollout;
import org.choreolab.motion.Autoregression;
import org.choreolab.motion.FactMotion;
import org.choreolab.testing.Services;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;

/**
 * Issue #15: the shipped FACT dances. On every sequence of the embedded sample's test split, run as it
 * ships (its fact.json's feedback, mint's end of music) from the sequence's first 120 frames to the end
 * of its music, the dance passes the platform's clip checks ({@link ClipChecks}: finite, the root
 * within 4 m of its start, no joint more than 0.15 m below the floor, bones keep their lengths) and two
 * checks of a dance rather than of a body: it never freezes (in every 2-s window after the seed the
 * joints move on average at least {@value #MIN_SPEED_RATIO} of the ground truth's mean speed) and it
 * stays on the floor (in every 1-s window some joint comes within {@value #NEAR_FLOOR} m of the floor,
 * the lowest joint of the seed's first frame).
 */
class ShippedFactTest {

    static final double MIN_SPEED_RATIO = 0.1;
    static final double NEAR_FLOOR = 0.15;

    /**
     * A dance measured against the two dance bars: its slowest 2-s window (joints' mean speed, m per frame)
     * and where it starts, its highest 1-s window (the lowest joint above the floor, m) and where it
     * starts, the truth's mean speed, and the root's largest horizontal distance from its start.
     */
    record Measures(double slowest, int slowestFrom, double highest, int highestFrom, double truthSpeed, double farthest) {

        static Measures of(MotionClip generated, MotionClip truth) {
            int n = generated.frameCount(), t = truth.frameCount();
            float[] p = generated.positions(new float[n * 72]), q = truth.positions(new float[t * 72]);
            double truthSpeed = 0;
            for (int f = 1; f < t; f++) {
                truthSpeed += speed(q, f);
            }
            truthSpeed /= Math.max(1, t - 1);
            double floor = Double.POSITIVE_INFINITY;
            for (int j = 0; j < 24; j++) {
                floor = Math.min(floor, p[3 * j + 1]);
            }
            double slowest = Double.POSITIVE_INFINITY, highest = Double.NEGATIVE_INFINITY, farthest = 0;
            int slowestFrom = -1, highestFrom = -1;
            for (int start = 120; start + 120 <= n; start += 60) {
                double sp = 0;
                for (int f = start; f < start + 120; f++) {
                    sp += speed(p, f);
                }
                if (sp / 120 < slowest) {
                    slowest = sp / 120;
                    slowestFrom = start;
                }
            }
            for (int start = 120; start + 60 <= n; start += 30) {
                double lowest = Double.POSITIVE_INFINITY;
                for (int f = start; f < start + 60; f++) {
                    for (int j = 0; j < 24; j++) {
                        lowest = Math.min(lowest, p[(f * 24 + j) * 3 + 1]);
                    }
                }
                if (lowest - floor > highest) {
                    highest = lowest - floor;
                    highestFrom = start;
                }
            }
            for (int f = 0; f < n; f++) {
                double dx = p[f * 72] - p[0], dz = p[f * 72 + 2] - p[2];
                farthest = Math.max(farthest, Math.sqrt(dx * dx + dz * dz));
            }
            return new Measures(slowest, slowestFrom, highest, highestFrom, truthSpeed, farthest);
        }

        /** How far the dance stays from each bar, for the report, so that a pass with no margin shows. */
        String margins() {
            return String.format(Locale.ROOT, "slowest %.2f of the truth's speed, up to %.3f m above the floor, "
                    + "root within %.2f m of its start horizontally", slowest / truthSpeed, highest, farthest);
        }
    }

    /** What is wrong with this generated dance (seed included) as a dance to this ground truth; empty if nothing. */
    static List<String> problems(MotionClip generated, Measures m) {
        List<String> out = new ArrayList<>();
        for (ClipChecks.Issue i : ClipChecks.check(generated)) {
            out.add(i.kind().code + ": " + i.message());
        }
        // the bars hold in every window, so the worst window decides
        if (m.slowestFrom() >= 0 && m.slowest() < MIN_SPEED_RATIO * m.truthSpeed()) {
            out.add(String.format(Locale.ROOT, "frozen: from frame %d, 2 s in which the joints move %.4f m per frame on average, "
                    + "below %.1f of the ground truth's %.4f", m.slowestFrom(), m.slowest(), MIN_SPEED_RATIO, m.truthSpeed()));
        }
        if (m.highestFrom() >= 0 && m.highest() > NEAR_FLOOR) {
            out.add(String.format(Locale.ROOT, "off the floor: from frame %d, 1 s in which no joint comes within %.2f m of the floor "
                    + "(lowest %.3f m above it)", m.highestFrom(), NEAR_FLOOR, m.highest()));
        }
        return out;
    }

    /** The mean distance a joint moves from frame f − 1 to f. */
    private static double speed(float[] p, int f) {
        double s = 0;
        for (int j = 0; j < 24; j++) {
            int a = (f * 24 + j) * 3, b = ((f - 1) * 24 + j) * 3;
            double dx = p[a] - p[b], dy = p[a + 1] - p[b + 1], dz = p[a + 2] - p[b + 2];
            s += Math.sqrt(dx * dx + dy * dy + dz * dz);
        }
        return s / 24;
    }

    /** The model's dance to the music of {@code s}, from its first 120 frames to the end of the music, as the model ships. */
    static MotionClip dance(FactModel model, Network net, AudioEncoder fact35, Dataset d, Sequence s) throws IOException {
        MotionClip truth = d.motion(s);
        AudioFeatures music = fact35.encode(d.music(s).orElseThrow(), 60, -1, Map.of(AudioEncoder.OPTION_MUSIC_ID, s.musicId()));
        float[] seed = FactMotion.encode(truth.slice(0, 120), new float[120 * 225]);
        float[] audio = music.values(new float[music.frameCount() * music.dimensions()]);
        FactRollout r = new FactRollout(net, model.config(), model.feedback(), Autoregression.Policy.MINT);
        int frames = Autoregression.framesWithinMusic(120, 120, music.frameCount(), 240, 1, Integer.MAX_VALUE);
        float[] out = r.run(seed, 120, audio, frames, Autoregression.NO_PROGRESS);
        return FactMotion.decode(out, out.length / 225, 60);
    }

    @Test
    void dancesOnEveryTestSequenceToTheEndOfItsMusic(@TempDir Path tmp) throws IOException {
        FactModel model = FactModel.shipped(tmp.resolve("model"));
        AudioEncoder fact35 = Services.await(FrameworkUtil.getBundle(ShippedFactTest.class).getBundleContext(), AudioEncoder.class,
                "(component.name=*$Fact35)");
        List<String> failures = new ArrayList<>(), report = new ArrayList<>();
        try (Dataset d = FactTesting.sample(); Network net = FactRolloutTest.shipped("PyTorch", tmp)) {
            List<Sequence> test = d.split("test");
            assertTrue(test.size() >= 20, "the sample's test split has " + test.size() + " sequences, 20 expected");
            for (Sequence s : test) {
                MotionClip truth = d.motion(s);
                MotionClip dance = dance(model, net, fact35, d, s);
                assertTrue(dance.frameCount() > 120 + 240, s.id() + ": only " + dance.frameCount() + " frames generated");
                Measures m = Measures.of(dance, truth);
                List<String> p = problems(dance, m);
                report.add(s.id() + " (" + (dance.frameCount() - 120) + " frames, " + m.margins() + "): " + (p.isEmpty() ? "ok" : p));
                if (!p.isEmpty()) {
                    failures.add(s.id() + ": " + p.get(0));
                }
            }
        }
        System.out.println("ShippedFactTest: " + String.join("; ", report));
        assertEquals(List.of(), failures, "the shipped FACT (" + model.feedback().id() + " feedback) on the sample's test split");
    }
}
