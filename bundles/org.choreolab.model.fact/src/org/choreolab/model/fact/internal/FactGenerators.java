package org.choreolab.model.fact.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.choreolab.api.model.ModelBackend;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.api.model.NetworkCode;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Offers FACT on every engine that can build DJL blocks: one {@link MotionGenerator} service per
 * backend ({@code fact-pytorch}, {@code fact-mxnet}), registered when the backend appears and
 * withdrawn when it goes, so stopping one engine bundle leaves FACT on the others.
 *
 * <p>The model is the one shipped in this bundle (trained on the embedded sample), unless the system
 * property {@code choreolab.fact.model} names a folder written by {@code choreolab train fact}.
 */
@Component(immediate = true)
public final class FactGenerators {

    static final Set<String> ENGINES = Set.of("PyTorch", "MXNet");

    private final Map<ModelBackend, ServiceRegistration<MotionGenerator>> registered = new HashMap<>();
    private final Map<ModelBackend, FactGenerator> generators = new HashMap<>();
    private BundleContext context;
    private volatile FactModel model;

    private ServiceRegistration<NetworkCode> code;

    @Activate
    synchronized void activate(BundleContext context) {
        this.context = context;
        // FACT's network definition, for tools that build it at any size (engines benchmark).
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("choreolab.network", "fact");
        props.put("choreolab.network.sizes", new String[] {"small", "published"});
        code = context.registerService(NetworkCode.class, FactModel.CODE, props);
        for (ModelBackend b : List.copyOf(generators.keySet())) {
            register(b);
        }
    }

    @Deactivate
    synchronized void deactivate() {
        code.unregister();
        registered.values().forEach(ServiceRegistration::unregister);
        registered.clear();
        generators.values().forEach(FactGenerator::close);
        context = null;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void addBackend(ModelBackend backend) {
        if (!ENGINES.contains(backend.engine())) {
            return;
        }
        generators.put(backend, new FactGenerator(backend, modelOrNull(), this::model));
        if (context != null) {
            register(backend);
        }
    }

    synchronized void removeBackend(ModelBackend backend) {
        ServiceRegistration<MotionGenerator> reg = registered.remove(backend);
        if (reg != null) {
            try {
                reg.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework withdrew it while stopping
            }
        }
        FactGenerator g = generators.remove(backend);
        if (g != null) {
            g.close();
        }
    }

    private void register(ModelBackend backend) {
        FactGenerator g = generators.get(backend);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("choreolab.engine", backend.engine());
        props.put("choreolab.id", g.id());
        registered.put(backend, context.registerService(MotionGenerator.class, g, props));
    }

    private FactModel modelOrNull() {
        try {
            return model();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The model in use, read once. */
    FactModel model() {
        FactModel m = model;
        if (m == null) {
            try {
                String custom = System.getProperty("choreolab.fact.model");
                if (custom != null && !custom.isBlank()) {
                    m = FactModel.read(Path.of(custom));
                } else {
                    BundleContext ctx = context != null ? context
                            : org.osgi.framework.FrameworkUtil.getBundle(FactGenerators.class).getBundleContext();
                    m = FactModel.shipped(ctx.getDataFile("model").toPath());
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            model = m;
        }
        return m;
    }
}
