package org.choreolab.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.choreolab.api.data.DatasetReader;
import org.choreolab.api.metric.Metric;
import org.choreolab.testing.Fakes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The Components view in a real SWT shell (under Xvfb in CI), fed by the real registry through
 * injection: it shows what is installed and follows services as they come and go.
 */
class ComponentsPartTest {

    private PartShell ui;
    private BundleContext context;
    @TempDir
    java.nio.file.Path tmp;

    @BeforeEach
    void setUp() throws Exception {
        ui = PartShell.withFakes(tmp).size(900, 400);
        context = TestContexts.bundleContext();
    }

    @AfterEach
    void tearDown() {
        ui.close();
    }

    @Test
    void showsInstalledComponentsAndFollowsChanges() {
        // The workbench's library bundles (metrics, the skeleton visualizer) are installed in the test
        // framework too: follow the fakes' rows, whatever else is there.
        ServiceRegistration<DatasetReader> reader = context.registerService(DatasetReader.class, new Fakes.Reader(), null);
        try {
            ComponentsPart part = ui.make(ComponentsPart.class);
            ui.shell.open();
            waitFor(() -> row(part, "fake-reader") != null);
            assertEquals(List.of("Dataset readers", "fake-reader", "Fake reader", "org.choreolab.ui"),
                    List.of(row(part, "fake-reader")).subList(0, 4));
            int before = part.rows().size();

            ServiceRegistration<Metric> metric = context.registerService(Metric.class, new Fakes.MeanHeight(), null);
            waitFor(() -> part.rows().size() == before + 1);
            List<String> ids = part.rows().stream().map(r -> r[1]).toList();
            int readerAt = ids.indexOf("fake-reader"), metricAt = ids.indexOf("mean_height");
            assertTrue(readerAt >= 0 && metricAt > readerAt, "metrics sort after dataset readers: " + ids);
            metric.unregister();
            waitFor(() -> part.rows().size() == before && row(part, "mean_height") == null);
        } finally {
            reader.unregister();
        }
    }

    private static String[] row(ComponentsPart part, String id) {
        return part.rows().stream().filter(r -> r[1].equals(id)).findFirst().orElse(null);
    }

    private void waitFor(BooleanSupplier condition) {
        if (!TestContexts.until(ui.display, condition, TimeUnit.SECONDS.toSeconds(10))) {
            throw new AssertionError("the view did not update within 10 s");
        }
    }
}
