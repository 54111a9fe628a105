package org.choreolab.api.model;

/**
 * How to train: epochs over the data, examples per batch, Adam's learning rate, and the seed that
 * fixes initialization and shuffling.
 */
public record TrainingOptions(int epochs, int batchSize, float learningRate, long seed) {

    public TrainingOptions {
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs: expected a positive count, got " + epochs);
        }
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize: expected a positive count, got " + batchSize);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learningRate: expected a positive rate, got " + learningRate);
        }
    }
}
