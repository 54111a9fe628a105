package org.choreolab.api.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.choreolab.api.ProgressMonitor;
import org.choreolab.api.data.Dataset;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Trains a model on a dataset's training split with a {@link ModelBackend}, and writes what a
 * generator needs to use it into a folder. Registered as a service; {@code choreolab train ID} runs it.
 * <p>Consumer type: model bundles implement it.
 */
@ConsumerType
public interface ModelTrainer extends org.choreolab.api.Component {

    /** The options it reads (name → what it means and its default), shown by {@code train --help}. */
    Map<String, String> optionHelp();

    /**
     * Trains and writes the model into {@code outDir}, also after a cancel (what was learnt is kept).
     * A failure names the file or option at fault.
     */
    TrainingReport train(Dataset dataset, ModelBackend backend, String device, Map<String, String> options,
            TrainingOptions training, Path outDir, ProgressMonitor monitor) throws IOException;
}
