package org.choreolab.core;

import org.choreolab.api.Component;
import org.choreolab.api.audio.AudioEncoder;
import org.choreolab.api.data.DatasetReader;
import org.choreolab.api.metric.Metric;
import org.choreolab.api.model.ModelBackend;
import org.choreolab.api.model.ModelTrainer;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.api.visual.Visualizer;

/** The kinds of component the platform tracks, each tied to its service interface. */
public enum ComponentKind {
    DATASET_READER("dataset-reader", "Dataset readers", DatasetReader.class),
    AUDIO_ENCODER("audio-encoder", "Audio encoders", AudioEncoder.class),
    MODEL_BACKEND("model-backend", "Model backends", ModelBackend.class),
    MOTION_GENERATOR("generator", "Generators", MotionGenerator.class),
    MODEL_TRAINER("trainer", "Trainers", ModelTrainer.class),
    METRIC("metric", "Metrics", Metric.class),
    VISUALIZER("visualizer", "Visualizers", Visualizer.class);

    private final String key;
    private final String label;
    private final Class<? extends Component> type;

    ComponentKind(String key, String label, Class<? extends Component> type) {
        this.key = key;
        this.label = label;
        this.type = type;
    }

    /** The kind's name in files and on the command line (e.g. {@code generator}). */
    public String key() {
        return key;
    }

    /** A plural label for headings. */
    public String label() {
        return label;
    }

    public Class<? extends Component> type() {
        return type;
    }

    public static ComponentKind of(Component component) {
        for (ComponentKind k : values()) {
            if (k.type.isInstance(component)) {
                return k;
            }
        }
        throw new IllegalArgumentException("not a known component kind: " + component.getClass().getName());
    }
}
