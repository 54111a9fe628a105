package org.choreolab.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.choreolab.api.Component;
import org.choreolab.api.audio.AudioEncoder;
import org.choreolab.api.data.DatasetReader;
import org.choreolab.api.metric.Metric;
import org.choreolab.api.model.ModelBackend;
import org.choreolab.api.model.ModelTrainer;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.api.visual.Visualizer;
import org.choreolab.core.ComponentRegistry;
import org.choreolab.testing.Services;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Every component the platform's bundles register carries its id as the service property
 * {@code choreolab.id}, equal to {@code id()}, so that an LDAP target selects it.
 */
class ComponentIdsTest {

    /** Bundles whose registrations do not carry the property yet (their owners add it; see docs/EXTENDING.md). */
    private static final Set<String> NOT_YET = Set.<String>of();

    @Test
    void everyPlatformComponentCarriesItsIdAsAServiceProperty() throws InvalidSyntaxException {
        BundleContext bc = FrameworkUtil.getBundle(ComponentIdsTest.class).getBundleContext();
        ComponentRegistry registry = Services.await(bc, ComponentRegistry.class, null);
        Services.await(bc, Metric.class, "(choreolab.id=fid_k)");
        Services.await(bc, AudioEncoder.class, "(choreolab.id=beats)");
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Class<? extends Component> type : List.of(AudioEncoder.class, DatasetReader.class, Metric.class, ModelBackend.class,
                ModelTrainer.class, MotionGenerator.class, Visualizer.class)) {
            for (ServiceReference<? extends Component> r : bc.getServiceReferences(type, null)) {
                String bundle = r.getBundle().getSymbolicName();
                if (!bundle.startsWith("org.choreolab.") || NOT_YET.contains(bundle) || bundle.endsWith(".tests")
                        || bundle.equals("org.choreolab.cli")) {
                    continue; // third-party bundles and the tests' own fakes may go without it
                }
                Component c = bc.getService(r);
                try {
                    Object property = r.getProperty(Component.ID_PROPERTY);
                    if (!c.id().equals(property)) {
                        wrong.add(type.getSimpleName() + " " + c.id() + " from " + bundle + ": choreolab.id=" + property);
                    }
                    assertTrue(registry.find(type, c.id()).isPresent(), "the registry finds " + c.id());
                    checked++;
                } finally {
                    bc.ungetService(r);
                }
            }
        }
        assertEquals(List.of(), wrong, "registrations whose choreolab.id is missing or differs from id()");
        assertTrue(checked >= 15, "checked only " + checked + " components: 5 encoders, 6 metrics, 2 baselines, 2 visualizers …");

        ServiceReference<AudioEncoder> beats = bc.getServiceReferences(AudioEncoder.class, "(choreolab.beat.feature=*)").iterator().next();
        AudioEncoder e = bc.getService(beats);
        try {
            assertTrue(e.dimensionNames().contains(beats.getProperty("choreolab.beat.feature")),
                    "the beat encoder's choreolab.beat.feature names one of its columns: " + e.dimensionNames());
        } finally {
            bc.ungetService(beats);
        }
    }
}
