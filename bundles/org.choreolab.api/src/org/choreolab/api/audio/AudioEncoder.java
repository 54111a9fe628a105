package org.choreolab.api.audio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.choreolab.api.Component;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Turns audio into per-frame features at a requested frame rate. Registered as an OSGi service;
 * its {@link #id()} is what experiment files and {@code choreolab audio features --encoder} name.
 */
@ConsumerType
public interface AudioEncoder extends Component {

    /** Option naming the AIST++ music id (e.g. {@code mBR0}), from which FACT's code reads its tempo prior. */
    String OPTION_MUSIC_ID = "musicId";

    /** Option giving the beat tracker's starting tempo in BPM explicitly. */
    String OPTION_START_BPM = "startBpm";

    /** The names of the feature dimensions this encoder produces. */
    List<String> dimensionNames();

    /** The frame rate the encoder was defined for (e.g. 60 for FACT's features). */
    double defaultFps();

    /**
     * Encodes {@code audio} at {@code fps}.
     *
     * @param frames  the number of frames wanted (the features are cut or zero-padded to it), or -1 for
     *                as many as the audio gives
     * @param options encoder-specific hints such as {@link #OPTION_MUSIC_ID}; may be empty
     */
    AudioFeatures encode(Audio audio, double fps, int frames, Map<String, String> options) throws IOException;

    default AudioFeatures encode(Audio audio, double fps, int frames) throws IOException {
        return encode(audio, fps, frames, Map.of());
    }

    /**
     * Reads an audio file (WAV) and encodes it; errors name the file. Encoders that cannot read files
     * themselves leave this to callers that can.
     */
    default AudioFeatures encode(Path file, double fps, int frames, Map<String, String> options) throws IOException {
        throw new IOException(id() + " cannot read audio files itself: decode " + file + " and call encode(Audio, …)");
    }
}
