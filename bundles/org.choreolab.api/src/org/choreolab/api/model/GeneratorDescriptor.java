package org.choreolab.api.model;

import java.util.Map;
import java.util.Objects;

/**
 * What a generator is: its id and name, the backend it runs on ({@code none} for generators that
 * need no engine), its parameters as strings (shown in tables and recorded with results), and what
 * it needs and gives back ({@link GeneratorNeeds}: music features, seed length, frame rate, output).
 *
 * @param needs what the platform prepares for each request and expects back; see {@link GeneratorNeeds}
 */
public record GeneratorDescriptor(String id, String name, String backend, Map<String, String> parameters,
        GeneratorNeeds needs) {

    public GeneratorDescriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        backend = backend == null || backend.isBlank() ? "none" : backend;
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        needs = needs == null ? GeneratorNeeds.legacy(false) : needs;
    }

    /**
     * The 0.2 form: a generator that asks for a seed gets FACT's 120 frames at the dataset's rate, no
     * music features, and must return joint positions ({@link GeneratorNeeds#legacy(boolean)}).
     */
    public GeneratorDescriptor(String id, String name, String backend, Map<String, String> parameters,
            boolean needsSeedMotion) {
        this(id, name, backend, parameters, GeneratorNeeds.legacy(needsSeedMotion));
    }

    /** Whether the generator is given a seed motion ({@code needs().seedFrames() > 0}). */
    public boolean needsSeedMotion() {
        return needs.needsSeed();
    }
}
