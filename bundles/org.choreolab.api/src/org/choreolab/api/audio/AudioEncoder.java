package org.choreolab.api.audio;

import java.io.IOException;
import java.util.List;

import org.choreolab.api.Component;

/**
 * Turns audio into per-frame features at a requested frame rate. Registered as an OSGi service;
 * its {@link #id()} is what experiment files and {@code choreolab audio features --encoder} name.
 */
public interface AudioEncoder extends Component {

    /** The names of the feature dimensions this encoder produces. */
    List<String> dimensionNames();

    /** The frame rate the encoder was defined for (e.g. 60 for FACT's features). */
    double defaultFps();

    /**
     * Encodes {@code audio} at {@code fps}.
     *
     * @param frames the number of frames wanted (the features are cut or padded to it), or -1 for
     *               as many as the audio gives
     */
    AudioFeatures encode(Audio audio, double fps, int frames) throws IOException;
}
