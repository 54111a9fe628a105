package org.choreolab.core;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.choreolab.api.Component;
import org.choreolab.api.audio.AudioEncoder;
import org.choreolab.api.audio.AudioFeatures;
import org.choreolab.api.data.Dataset;
import org.choreolab.api.data.Sequence;

/**
 * The music beats of a sequence, found one way for the runner and {@code render}: the
 * dataset's own list when it has one, else the beat one-hot of the audio encoder that offers beats,
 * computed from the sequence's music through the generation service's shared cache (a track is
 * encoded once however many callers ask).
 *
 * <p>An encoder offers beats by registering with the service property {@value #FEATURE_PROPERTY}, whose
 * value names its feature column holding the beat one-hot (the platform's {@code beats} encoder:
 * {@code choreolab.beat.feature=beat}). When several do, the first by id is taken; when none does, an
 * encoder registered without properties under the id {@code beats} is used with its column {@code beat}.
 */
public final class MusicBeats {

    /** The service property by which an audio encoder offers music beats; its value names the beat column. */
    public static final String FEATURE_PROPERTY = "choreolab.beat.feature";

    private static final String UNDECLARED_ID = "beats";
    private static final String UNDECLARED_COLUMN = "beat";

    private MusicBeats() {
    }

    /** The beat frames at {@code fps}: the dataset's, else the beat encoder's on the music; empty when neither knows them. */
    public static Optional<int[]> of(ComponentRegistry registry, GenerationService generation, Dataset dataset, Sequence s,
            double fps) {
        Optional<int[]> listed = dataset.musicBeats(s, fps);
        return listed.isPresent() ? listed : Optional.ofNullable(fromMusic(registry, generation, dataset, s, fps));
    }

    private static int[] fromMusic(ComponentRegistry registry, GenerationService generation, Dataset dataset, Sequence s, double fps) {
        if (dataset.music(s).isEmpty()) {
            return null;
        }
        String id;
        String column;
        List<AudioEncoder> offering = registry.select(AudioEncoder.class, "(" + FEATURE_PROPERTY + "=*)");
        if (!offering.isEmpty()) {
            var props = registry.properties(offering.get(0));
            id = String.valueOf(props.get(Component.ID_PROPERTY));
            column = String.valueOf(props.get(FEATURE_PROPERTY));
        } else if (registry.find(AudioEncoder.class, UNDECLARED_ID).isPresent()) {
            id = UNDECLARED_ID;
            column = UNDECLARED_COLUMN;
        } else {
            return null;
        }
        try {
            AudioFeatures f = generation.music(dataset, s, id, fps);
            int dim = f.dimensionNames().indexOf(column);
            if (dim < 0) {
                return null;
            }
            List<Integer> b = new ArrayList<>();
            for (int t = 0; t < f.frameCount(); t++) {
                if (f.value(t, dim) > 0.5f) {
                    b.add(t);
                }
            }
            return b.stream().mapToInt(Integer::intValue).toArray();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
