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

    /**
     * How many {@link #predict} calls may run at once, from different threads, to use the CPUs this process
     * may use: the thread budget divided by the threads one call takes (an engine that runs each call on one
     * thread gets more than one), 1 on a GPU or when the engine is not safe to call concurrently. Callers that
     * advance many sequences (a batched autoregression) split them into this many groups.
     *
     * @since 0.4
     */
    default int concurrentCalls() {
        return 1;
    }

    @Override
    void close();
}
