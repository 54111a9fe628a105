package org.choreolab.api.model;

import java.util.List;

/** What training did: the mean loss of each epoch completed, and whether it was cancelled. */
public record TrainingReport(List<Double> epochLoss, boolean canceled, double seconds) {

    public TrainingReport {
        epochLoss = List.copyOf(epochLoss);
    }
}
