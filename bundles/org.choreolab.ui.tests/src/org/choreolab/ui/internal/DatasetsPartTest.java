package org.choreolab.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.choreolab.api.data.DatasetReader;
import org.choreolab.testing.Fakes;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Datasets view reads the embedded dataset in a job and shows it by split and genre. */
class DatasetsPartTest {

    @Test
    void showsTheEmbeddedDatasetBySplit(@TempDir Path tmp) throws Exception {
        TestContexts.core();
        TestBundles.fakesOnly();
        var reg = TestContexts.bundleContext().registerService(DatasetReader.class, new Fakes.Reader(), null);
        Display display = Display.getDefault();
        Shell shell = new Shell(display);
        shell.setLayout(new FillLayout());
        IEclipseContext ctx = TestContexts.context(shell, tmp);
        try {
            DatasetsPart part = TestContexts.make(DatasetsPart.class, ctx);
            shell.open();
            TestContexts.until(display, () -> !part.loading() && !part.splits().isEmpty(), 20);
            assertEquals(Map.of("test (3)", 3, "train (1)", 1), part.splits());
            assertTrue(part.status().startsWith("fake: 4 sequences"), part.status());
            assertTrue(part.status().contains("fake/x.pkl: smpl_poses: demo problem"), "problems are shown: " + part.status());
        } finally {
            shell.dispose();
            ctx.dispose();
            reg.unregister();
        }
    }
}
