package org.choreolab.api.model;

import java.io.IOException;
import java.nio.file.Path;

import org.choreolab.api.ProgressMonitor;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A network built by a {@link ModelBackend} from a {@link NetworkFactory}: it predicts like any
 * {@link LoadedModel}, and its parameters can be trained, saved and loaded. The parameter file format
 * is DJL's, the same on every engine, so parameters trained on one engine load on another.
 * <p>Provider type: only engine backends implement it; model bundles only call it.
 */
@ProviderType
public interface Network extends LoadedModel {

    /** The shapes of the inputs it was built for (batch 1), in the order {@link #predict} takes them. */
    java.util.List<long[]> inputShapes();

    /** The number of trainable values. */
    long parameterCount();

    void saveParameters(Path file) throws IOException;

    /** Loads parameters saved by {@link #saveParameters}; names the file and the parameter that does not fit. */
    void loadParameters(Path file) throws IOException;

    /**
     * Trains with the mean squared error between the network's output and each batch's label, using
     * Adam; reports one unit of work per batch and stops early, keeping what was learnt, when cancelled.
     */
    TrainingReport train(TrainingData data, TrainingOptions options, ProgressMonitor monitor) throws IOException;
}
