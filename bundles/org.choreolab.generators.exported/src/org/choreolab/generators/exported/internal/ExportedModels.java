package org.choreolab.generators.exported.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.choreolab.api.model.ModelBackend;
import org.choreolab.api.model.MotionGenerator;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.util.tracker.BundleTracker;

/**
 * Turns exported models into generators, from two places:
 * <ul>
 * <li>bundles whose manifest names a folder in the header {@code Choreolab-Models} (an OSGi extender:
 * a model bundle needs no code at all; its models come and go with the bundle);</li>
 * <li>the folder named by the system property {@code choreolab.models}, one sub-folder per model.</li>
 * </ul>
 * A descriptor that does not parse is reported on stderr with the file and field, and skipped.
 */
@Component(immediate = true)
public final class ExportedModels {

    public static final String HEADER = "Choreolab-Models";

    /** The backends by their {@code choreolab.engine} service property, the name a model's descriptor gives. */
    private final Map<String, ModelBackend> backends = new ConcurrentHashMap<>();

    private final Map<Long, List<ServiceRegistration<MotionGenerator>>> byBundle = new ConcurrentHashMap<>();
    private final List<ServiceRegistration<MotionGenerator>> fromFolder = new ArrayList<>();
    private final List<ExportedGenerator> generators = Collections.synchronizedList(new ArrayList<>());
    private BundleTracker<Bundle> tracker;
    private BundleContext context;

    @Activate
    void activate(BundleContext context) {
        this.context = context;
        String folder = System.getProperty("choreolab.models");
        if (folder != null && !folder.isBlank() && Files.isDirectory(Path.of(folder))) {
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(Path.of(folder), Files::isDirectory)) {
                for (Path dir : dirs) {
                    Path json = dir.resolve("model.json");
                    if (Files.isRegularFile(json)) {
                        try (InputStream in = Files.newInputStream(json)) {
                            ExportedModel m = ExportedModel.parse(in, json.toString());
                            fromFolder.add(register(m, m.resolve(dir), null));
                        } catch (IOException e) {
                            System.err.println("choreolab: model skipped: " + e.getMessage());
                        }
                    }
                }
            } catch (IOException e) {
                System.err.println("choreolab: " + folder + ": cannot list models: " + e.getMessage());
            }
        }
        tracker = new BundleTracker<>(context, Bundle.STARTING | Bundle.ACTIVE, null) {
            @Override
            public Bundle addingBundle(Bundle bundle, BundleEvent event) {
                String dir = bundle.getHeaders("").get(HEADER);
                if (dir == null) {
                    return null;
                }
                byBundle.put(bundle.getBundleId(), registerFrom(bundle, dir.trim()));
                return bundle;
            }

            @Override
            public void removedBundle(Bundle bundle, BundleEvent event, Bundle object) {
                List<ServiceRegistration<MotionGenerator>> regs = byBundle.remove(bundle.getBundleId());
                if (regs != null) {
                    regs.forEach(ExportedModels::unregister);
                }
            }
        };
        tracker.open();
    }

    @Deactivate
    void deactivate() {
        tracker.close();
        fromFolder.forEach(ExportedModels::unregister);
        fromFolder.clear();
        generators.forEach(ExportedGenerator::close);
        generators.clear();
    }

    private List<ServiceRegistration<MotionGenerator>> registerFrom(Bundle bundle, String dir) {
        List<ServiceRegistration<MotionGenerator>> regs = new ArrayList<>();
        Enumeration<URL> entries = bundle.findEntries(dir, "*.json", false);
        if (entries == null) {
            System.err.println("choreolab: " + bundle.getSymbolicName() + ": " + HEADER + " names '" + dir + "', which holds no *.json descriptor");
            return regs;
        }
        for (URL url : Collections.list(entries)) {
            String source = bundle.getSymbolicName() + "!" + url.getPath();
            try (InputStream in = url.openStream()) {
                ExportedModel m = ExportedModel.parse(in, source);
                String entry = url.getPath().substring(0, url.getPath().lastIndexOf('/') + 1) + m.file();
                URL modelUrl = bundle.getEntry(entry);
                if (modelUrl == null) {
                    throw new IOException(source + ": field 'file': " + entry + " is not in the bundle");
                }
                // Engines read files, not bundle entries: copy it out once per bundle version.
                Path out = context.getDataFile("models/" + bundle.getBundleId() + "-" + bundle.getLastModified()).toPath().resolve(m.file());
                if (!Files.isRegularFile(out)) {
                    Files.createDirectories(out.getParent());
                    try (InputStream model = modelUrl.openStream()) {
                        Path tmp = Files.createTempFile(out.getParent(), m.file(), ".tmp");
                        Files.copy(model, tmp, StandardCopyOption.REPLACE_EXISTING);
                        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
                regs.add(register(m, out, bundle));
            } catch (IOException e) {
                System.err.println("choreolab: model skipped: " + e.getMessage());
            }
        }
        return regs;
    }

    private ServiceRegistration<MotionGenerator> register(ExportedModel m, Path file, Bundle from) {
        ExportedGenerator g = new ExportedGenerator(m, file, this::backend);
        generators.add(g);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("choreolab.id", g.id());
        props.put("choreolab.engine", m.engine());
        props.put("choreolab.model.source", from == null ? file.toString() : from.getSymbolicName());
        // Registered through the model bundle's context when there is one, so the components view shows its owner.
        BundleContext ctx = from != null && from.getBundleContext() != null ? from.getBundleContext() : context;
        return ctx.registerService(MotionGenerator.class, g, props);
    }

    private ModelBackend backend(String engine) {
        return backends.get(engine);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addBackend(ModelBackend b, Map<String, Object> properties) {
        Object engine = properties.get("choreolab.engine");
        backends.putIfAbsent(engine instanceof String e ? e : b.engine(), b);
    }

    void removeBackend(ModelBackend b) {
        backends.values().remove(b);
    }

    private static void unregister(ServiceRegistration<?> r) {
        try {
            r.unregister();
        } catch (IllegalStateException alreadyGone) {
            // withdrawn by the framework when the bundle stopped
        }
    }
}
