package org.choreolab.api.model;

import java.io.IOException;
import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Examples for {@link Network#train}, made batch by batch so that no epoch has to fit in memory.
 * <p>Consumer type: model bundles implement it to feed their network.
 */
@ConsumerType
public interface TrainingData {

    /** The number of examples. */
    int size();

    /** The examples at these indices, stacked along a first batch axis. */
    Batch batch(int[] indices) throws IOException;

    /** Inputs in the order the network declares them, and the label its output is compared with. */
    record Batch(List<Tensor> inputs, Tensor label) {

        public Batch {
            inputs = List.copyOf(inputs);
        }
    }
}
