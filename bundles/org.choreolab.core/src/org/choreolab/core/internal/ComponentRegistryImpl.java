package org.choreolab.core.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.choreolab.api.Component;
import org.choreolab.api.audio.AudioEncoder;
import org.choreolab.api.data.DatasetReader;
import org.choreolab.api.metric.Metric;
import org.choreolab.api.model.ModelBackend;
import org.choreolab.api.model.ModelTrainer;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.api.visual.Visualizer;
import org.choreolab.core.ComponentInfo;
import org.choreolab.core.ComponentKind;
import org.choreolab.core.ComponentRegistry;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Tracks every component service with dynamic references, so bundles can come and go while the
 * workbench or a batch run is open. A component whose {@code id()} or {@code name()} throws is
 * listed under its class name instead of breaking the listing.
 */
@org.osgi.service.component.annotations.Component(service = ComponentRegistry.class, immediate = true)
public final class ComponentRegistryImpl implements ComponentRegistry {

    private final Map<Component, ComponentInfo> entries = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    private static final Comparator<ComponentInfo> ORDER =
            Comparator.comparing(ComponentInfo::kind).thenComparing(ComponentInfo::id);

    @Override
    public List<ComponentInfo> components() {
        List<ComponentInfo> list = new ArrayList<>(entries.values());
        list.sort(ORDER);
        return list;
    }

    @Override
    public <T extends Component> List<T> services(Class<T> type) {
        return components().stream().map(ComponentInfo::service).filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public <T extends Component> Optional<T> find(Class<T> type, String id) {
        return components().stream().filter(c -> type.isInstance(c.service()) && c.id().equals(id))
                .map(c -> type.cast(c.service())).findFirst();
    }

    @Override
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    private void add(Component service, ServiceReference<?> ref) {
        Bundle b = ref.getBundle();
        String id = safe(service::id, service.getClass().getName());
        String name = safe(service::name, id);
        String description = safe(service::description, "");
        entries.put(service, new ComponentInfo(ComponentKind.of(service), id, name, description,
                b == null ? "?" : b.getSymbolicName(), b == null ? "?" : b.getVersion().toString(), service));
        fire();
    }

    private void remove(Component service) {
        if (entries.remove(service) != null) {
            fire();
        }
    }

    private void fire() {
        for (Runnable l : listeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                // A broken listener must not stop the others or the bundle event.
                System.err.println("choreolab: component listener failed: " + e);
            }
        }
    }

    private static String safe(java.util.function.Supplier<String> s, String fallback) {
        try {
            String v = s.get();
            return v == null ? fallback : v;
        } catch (RuntimeException e) {
            return fallback;
        }
    }

    // One pair of methods per kind: DS needs the service type in the signature.

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addDatasetReader(DatasetReader s, ServiceReference<DatasetReader> ref) { add(s, ref); }
    void removeDatasetReader(DatasetReader s) { remove(s); }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addAudioEncoder(AudioEncoder s, ServiceReference<AudioEncoder> ref) { add(s, ref); }
    void removeAudioEncoder(AudioEncoder s) { remove(s); }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addModelBackend(ModelBackend s, ServiceReference<ModelBackend> ref) { add(s, ref); }
    void removeModelBackend(ModelBackend s) { remove(s); }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addGenerator(MotionGenerator s, ServiceReference<MotionGenerator> ref) { add(s, ref); }
    void removeGenerator(MotionGenerator s) { remove(s); }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addTrainer(ModelTrainer s, ServiceReference<ModelTrainer> ref) { add(s, ref); }
    void removeTrainer(ModelTrainer s) { remove(s); }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addMetric(Metric s, ServiceReference<Metric> ref) { add(s, ref); }
    void removeMetric(Metric s) { remove(s); }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addVisualizer(Visualizer s, ServiceReference<Visualizer> ref) { add(s, ref); }
    void removeVisualizer(Visualizer s) { remove(s); }
}
