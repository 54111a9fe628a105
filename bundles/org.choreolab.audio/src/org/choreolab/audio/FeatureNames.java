package org.choreolab.audio;

import java.util.List;

/** The names of feature dimensions, spelled one way for every encoder (they appear in files and tables). */
final class FeatureNames {

    /** librosa's pitch classes, C first, as its chroma rows are ordered. */
    private static final List<String> PITCH_CLASSES = List.of("C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B");

    private FeatureNames() {
    }

    /** {@code prefix0} … {@code prefix(count-1)} added to {@code names}. */
    static void numbered(List<String> names, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            names.add(prefix + i);
        }
    }

    /** {@code chroma_C} … {@code chroma_B} added to {@code names}. */
    static void chroma(List<String> names) {
        for (String c : PITCH_CLASSES) {
            names.add("chroma_" + c);
        }
    }
}
