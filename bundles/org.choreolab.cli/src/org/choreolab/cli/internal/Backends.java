package org.choreolab.cli.internal;

import java.util.List;

import org.choreolab.api.model.ModelBackend;

/** Finding an engine's backend by name, case-insensitively, with the installed ones in the error. */
final class Backends {

    private Backends() {
    }

    static ModelBackend find(Services services, String engine) {
        List<ModelBackend> all = services.registry().services(ModelBackend.class);
        return all.stream().filter(b -> b.engine().equalsIgnoreCase(engine) || b.id().equalsIgnoreCase(engine)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--engine: no backend '" + engine + "' installed (installed: "
                        + all.stream().map(ModelBackend::engine).toList() + ")"));
    }
}
