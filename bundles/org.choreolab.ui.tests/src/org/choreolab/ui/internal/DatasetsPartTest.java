package org.choreolab.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.choreolab.api.data.DatasetReader;
import org.choreolab.testing.Fakes;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** The Datasets view reads the embedded dataset in a job and shows it by split and genre. */
class DatasetsPartTest {

    @Test
    void showsTheEmbeddedDatasetBySplit() throws Exception {
        var ctx = FrameworkUtil.getBundle(DatasetsPartTest.class).getBundleContext();
        ServiceTracker<org.choreolab.core.ComponentRegistry, org.choreolab.core.ComponentRegistry> t =
                new ServiceTracker<>(ctx, org.choreolab.core.ComponentRegistry.class, null);
        t.open();
        t.waitForService(TimeUnit.SECONDS.toMillis(20));
        // The AIST++ reader (in the runtime through core) ships an embedded dataset too: stopped while this runs.
        boolean aistpp = org.choreolab.testing.RealReaders.stop(ctx);
        var reg = ctx.registerService(DatasetReader.class, new Fakes.Reader(), null);
        Display display = Display.getDefault();
        Shell shell = new Shell(display);
        shell.setLayout(new FillLayout());
        try {
            DatasetsPart part = new DatasetsPart();
            part.create(shell);
            shell.open();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while ((part.loading() || part.splits().isEmpty()) && System.nanoTime() < end) {
                if (!display.readAndDispatch()) {
                    display.timerExec(20, () -> { });
                    display.sleep();
                }
            }
            assertEquals(Map.of("test (3)", 3, "train (1)", 1), part.splits());
            assertTrue(part.status().startsWith("fake: 4 sequences"), part.status());
            assertTrue(part.status().contains("fake/x.pkl: smpl_poses: demo problem"), "problems are shown: " + part.status());
            part.dispose();
        } finally {
            shell.dispose();
            reg.unregister();
            t.close();
            org.choreolab.testing.RealReaders.start(ctx, aistpp);
        }
    }
}
