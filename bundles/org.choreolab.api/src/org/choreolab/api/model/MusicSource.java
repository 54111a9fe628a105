package org.choreolab.api.model;

import java.io.IOException;

import org.choreolab.api.audio.AudioFeatures;
import org.choreolab.api.data.Sequence;

/**
 * The music features a generator declared ({@link GeneratorNeeds#musicEncoder()}, at its frame
 * rate) for any sequence of the request's dataset, for generators that compare the target's music
 * with other music (retrieval baselines). The platform answers from the cache that holds the target's
 * features too, so every track is encoded once however many generators and requests read it.
 */
@FunctionalInterface
public interface MusicSource {

    /**
     * The whole track of {@code sequence}'s music, encoded as declared.
     *
     * @throws IOException naming the sequence when it has no music or the encoder fails
     */
    AudioFeatures features(Sequence sequence) throws IOException;
}
