package org.choreolab.api.model;

import java.io.IOException;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A model loaded by a {@link ModelBackend} on one device. Close it to free native memory.
 * <p>Provider type: only engine backends implement it (importing this package's minor range);
 * generators only call it.
 */
@ProviderType
public interface LoadedModel extends AutoCloseable {

    /** The device the model runs on, as the engine names it (e.g. {@code cpu()}). */
    String device();

    /** Runs the model on the inputs, in the order the model declares them. */
    List<Tensor> predict(List<Tensor> inputs) throws IOException;

    @Override
    void close();
}
