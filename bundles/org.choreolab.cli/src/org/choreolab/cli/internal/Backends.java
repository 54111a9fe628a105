package org.choreolab.cli.internal;

import java.util.List;

import org.choreolab.api.Component;
import org.choreolab.api.model.ModelBackend;
import org.choreolab.core.ComponentRegistry;

/** Finding an engine's backend by name, case-insensitively, with the installed ones in the error. */
final class Backends {

    private Backends() {
    }

    static ModelBackend find(Services services, String engine) {
        List<ModelBackend> all = services.registry().services(ModelBackend.class);
        // '~=' matches ignoring case; a backend registered without choreolab.engine is matched by its id
        String value = ComponentRegistry.filterValue(engine);
        return services.registry().select(ModelBackend.class, "(|(choreolab.engine~=" + value + ")(" + Component.ID_PROPERTY + "~=" + value + "))")
                .stream().findFirst().orElseThrow(() -> new IllegalArgumentException("--engine: no backend '" + engine + "' installed (installed: "
                        + all.stream().map(ModelBackend::engine).toList() + ")"));
    }
}
