package org.choreolab.data.aistpp.internal.sample;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Which sequences the embedded sample holds: names in AIST++'s grammar, splits, lengths and the music
 * track each one dances to. Fixed by rules and one seed, so every machine gets the same plan.
 *
 * <p>Per genre, AIST++'s three dancers of that genre and four of its six music ids: two for training,
 * one held out for validation and one for test (the crossmodal split: no test or validation music is
 * heard in training). Basic choreographies (sBM, 8–11 s) are shared by the genre's dancers, as in
 * AIST++; advanced ones (sFM) are each dancer's own, 14–40 s in training (so that the 1,200-frame crop
 * of Bailando's protocol matters) and 10–13 s in validation and test (so that generating the test
 * split stays quick). Two extra training sequences are on the ignore list.
 */
public final class SamplePlan {

    /** One sequence: AIST++ id, split, frames at 60 fps, and whether its pickle is written as float64 (N, 24, 3). */
    public record Entry(String id, String genre, String music, String split, int frames, boolean ignored, boolean float64) {

        public double seconds() {
            return frames / 60.0;
        }
    }

    /** The ten genres in AIST++'s order. */
    public static final List<String> GENRES = List.of("gBR", "gPO", "gLO", "gMH", "gLH", "gHO", "gWA", "gKR", "gJS", "gJB");

    /** AIST++'s dancers of each genre. */
    private static final Map<String, int[]> DANCERS = Map.of("gBR", new int[] {4, 5, 6}, "gPO", new int[] {10, 11, 12},
            "gLO", new int[] {13, 14, 15}, "gMH", new int[] {22, 23, 24}, "gLH", new int[] {16, 17, 18},
            "gHO", new int[] {19, 20, 21}, "gWA", new int[] {25, 26, 27}, "gKR", new int[] {28, 29, 30},
            "gJS", new int[] {1, 2, 3}, "gJB", new int[] {7, 8, 9});

    /** Music ids per genre: test, validation, training A (long advanced dances), training B. */
    private static final Map<String, int[]> MUSIC = Map.of("gBR", new int[] {0, 3, 1, 4}, "gPO", new int[] {1, 4, 0, 2},
            "gLO", new int[] {2, 0, 3, 5}, "gMH", new int[] {3, 1, 0, 4}, "gLH", new int[] {3, 5, 1, 2},
            "gHO", new int[] {3, 0, 2, 5}, "gWA", new int[] {4, 2, 0, 3}, "gKR", new int[] {3, 1, 0, 5},
            "gJS", new int[] {2, 4, 1, 3}, "gJB", new int[] {5, 1, 2, 4});

    /** Genres with one extra (ignored) training sequence. */
    private static final Set<String> WITH_IGNORED = Set.of("gHO", "gKR");

    private static final List<Entry> ENTRIES = build();

    private SamplePlan() {
    }

    /** Every sequence, the ignored ones included, in the order they are written. */
    public static List<Entry> entries() {
        return ENTRIES;
    }

    /** Each music id with the length its track needs: the longest dance on it, rounded up to a second. */
    public static Map<String, Double> tracks() {
        Map<String, Double> t = new LinkedHashMap<>();
        for (Entry e : ENTRIES) {
            t.merge(e.music(), Math.ceil(e.seconds()) + 1, Math::max);
        }
        return t;
    }

    private static List<Entry> build() {
        List<Entry> out = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(20_250_615L);
        for (int gi = 0; gi < GENRES.size(); gi++) {
            String g = GENRES.get(gi);
            int[] d = DANCERS.get(g);
            int[] m = MUSIC.get(g);
            String test = music(g, m[0]), val = music(g, m[1]), a = music(g, m[2]), b = music(g, m[3]);
            int[] advanced = {4, 4, 4};
            // Test: one basic and one advanced dance on the test music.
            out.add(entry(g, "sBM", d[0], test, 1, "test", seconds(r, 8, 10)));
            out.add(entry(g, "sFM", d[1], test, advanced[1]++, "test", seconds(r, 10, 13)));
            // Validation: the same on the validation music.
            out.add(entry(g, "sBM", d[1], val, 2, "val", seconds(r, 8, 10)));
            out.add(entry(g, "sFM", d[2], val, advanced[2]++, "val", seconds(r, 10, 13)));
            // Training: six basic dances (choreographies 1–3, each by two dancers), three advanced ones.
            out.add(entry(g, "sBM", d[0], a, 2, "train", seconds(r, 8, 11)));
            out.add(entry(g, "sBM", d[1], b, 1, "train", seconds(r, 8, 11)));
            out.add(entry(g, "sBM", d[2], a, 1, "train", seconds(r, 8, 11)));
            out.add(entry(g, "sBM", d[0], b, 3, "train", seconds(r, 8, 11)));
            out.add(entry(g, "sBM", d[1], a, 3, "train", seconds(r, 8, 11)));
            out.add(entry(g, "sBM", d[2], b, 2, "train", seconds(r, 8, 11)));
            // The long ones: 40 s down to 25.6 s across genres.
            out.add(entry(g, "sFM", d[0], a, advanced[0]++, "train", (int) Math.round((40 - 1.6 * gi) * 60)));
            out.add(entry(g, "sFM", d[2], a, advanced[2]++, "train", seconds(r, 18, 26)));
            out.add(entry(g, "sFM", d[1], b, advanced[1]++, "train", seconds(r, 14, 18)));
            if (WITH_IGNORED.contains(g)) {
                Entry e = entry(g, "sBM", d[2], b, 4, "train", seconds(r, 8, 11));
                out.add(new Entry(e.id(), g, e.music(), "train", e.frames(), true, false));
            }
        }
        // A few pickles as float64 (N, 24, 3), as some AIST++ files are: one short training dance per genre.
        List<Entry> typed = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Entry e : out) {
            if (!seen.add(e.id())) {
                throw new IllegalStateException("duplicate sequence id " + e.id());
            }
            boolean f64 = e.split().equals("train") && e.id().contains("_sBM_") && e.id().endsWith("_ch03")
                    && e.id().contains("_d" + String.format("%02d", DANCERS.get(e.genre())[0]) + "_");
            typed.add(f64 ? new Entry(e.id(), e.genre(), e.music(), e.split(), e.frames(), e.ignored(), true) : e);
        }
        return Collections.unmodifiableList(typed);
    }

    private static String music(String genre, int k) {
        return "m" + genre.substring(1) + k;
    }

    private static int seconds(SplittableRandom r, double lo, double hi) {
        return (int) Math.round((lo + (hi - lo) * r.nextDouble()) * 60);
    }

    private static Entry entry(String genre, String situation, int dancer, String music, int choreography, String split, int frames) {
        String id = String.format("%s_%s_cAll_d%02d_%s_ch%02d", genre, situation, dancer, music, choreography);
        return new Entry(id, genre, music, split, frames, false, false);
    }
}
