package org.choreolab.core.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Tracks every component service with dynamic references, so bundles can come and go while the
 * workbench or a batch run is open. A component's id is its {@value Component#ID_PROPERTY} service
 * property; a third-party service registered without it is known by its {@code id()}, and one whose
 * {@code id()} or {@code name()} throws is listed under its class name instead of breaking the listing.
 */
@org.osgi.service.component.annotations.Component(service = ComponentRegistry.class, immediate = true)
public final class ComponentRegistryImpl implements ComponentRegistry {

    private final Map<Component, ComponentInfo> entries = new ConcurrentHashMap<>();
    /** Each service's registration properties, with {@value Component#ID_PROPERTY} filled in from {@code id()} where missing. */
    private final Map<Component, Map<String, Object>> properties = new ConcurrentHashMap<>();
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
        return select(type, "(" + Component.ID_PROPERTY + "=" + ComponentRegistry.filterValue(id) + ")").stream().findFirst();
    }

    @Override
    public <T extends Component> List<T> select(Class<T> type, String filter) {
        Filter f;
        try {
            f = FrameworkUtil.createFilter(filter);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("service filter " + filter + ": " + e.getMessage(), e);
        }
        return components().stream().map(ComponentInfo::service)
                .filter(c -> type.isInstance(c) && f.matches(properties.getOrDefault(c, Map.of())))
                .map(type::cast).toList();
    }

    @Override
    public Map<String, Object> properties(Component component) {
        Map<String, Object> p = properties.get(component);
        return p != null ? p : ComponentRegistry.super.properties(component);
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
        Object declared = ref.getProperty(Component.ID_PROPERTY);
        String id = declared instanceof String s && !s.isBlank() ? s : safe(service::id, service.getClass().getName());
        Map<String, Object> props = new HashMap<>();
        for (String key : ref.getPropertyKeys()) {
            props.put(key, ref.getProperty(key));
        }
        props.put(Component.ID_PROPERTY, id);
        properties.put(service, Map.copyOf(props));
        String name = safe(service::name, id);
        String description = safe(service::description, "");
        entries.put(service, new ComponentInfo(ComponentKind.of(service), id, name, description,
                b == null ? "?" : b.getSymbolicName(), b == null ? "?" : b.getVersion().toString(), service));
        fire();
    }

    private void remove(Component service) {
        properties.remove(service);
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
