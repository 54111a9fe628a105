package org.choreolab.api.model;

import java.util.Objects;

/**
 * Where a backend finds a {@link NetworkFactory}: the class name, and the class loader whose
 * resources hold the factory's class files (usually the model bundle's own loader). The backend
 * defines those classes in a loader of its own whose parent sees its DJL, so one network definition
 * runs on every engine while each engine keeps its own DJL.
 */
public record NetworkCode(ClassLoader source, String factoryClass) {

    public NetworkCode {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(factoryClass, "factoryClass");
    }
}
