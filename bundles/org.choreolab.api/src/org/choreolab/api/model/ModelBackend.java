package org.choreolab.api.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.choreolab.api.Component;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A deep-learning engine, one bundle per engine so that engines stay isolated. Registered as an
 * OSGi service with the service property {@code choreolab.engine} set to {@link #engine()}.
 * <p>Provider type: only engine bundles implement it (importing this package's minor range); model
 * bundles only call it.
 */
@ProviderType
public interface ModelBackend extends Component {

    /** The engine's name as DJL spells it (e.g. {@code PyTorch}, {@code MXNet}, {@code OnnxRuntime}). */
    String engine();

    /** The engine's native version (e.g. {@code 2.7.1}). */
    String engineVersion();

    /** The devices usable now, CPU always among them (e.g. {@code cpu}, {@code gpu0}). */
    List<String> devices();

    /**
     * Loads an exported model file (TorchScript, ONNX, … as the engine reads it) on a device;
     * {@code auto} picks a GPU when there is one and logs the fallback to CPU otherwise.
     */
    LoadedModel load(Path modelFile, String device) throws IOException;

    /**
     * Builds a network from a {@link NetworkFactory} inside this engine, with freshly initialized
     * parameters (seeded by the option {@code seed}, default 0), on a device as for {@link #load}.
     */
    Network network(NetworkCode code, java.util.Map<String, String> options, String device) throws IOException;
}
