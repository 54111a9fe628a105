package org.choreolab.api.model;

import java.util.Map;
import java.util.Objects;

/**
 * What a generator is: its id and name, the backend it runs on ({@code none} for generators that
 * need no engine), its parameters as strings (shown in tables and recorded with results), and whether
 * it must be given a seed motion.
 */
public record GeneratorDescriptor(String id, String name, String backend, Map<String, String> parameters,
        boolean needsSeedMotion) {

    public GeneratorDescriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        backend = backend == null || backend.isBlank() ? "none" : backend;
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }
}
