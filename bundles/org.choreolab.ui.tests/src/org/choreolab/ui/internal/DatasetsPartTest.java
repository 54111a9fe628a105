package org.choreolab.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.choreolab.api.data.DatasetReader;
import org.choreolab.testing.Fakes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Datasets view reads the embedded dataset in a job and shows it by split and genre. */
class DatasetsPartTest {

    @Test
    void showsTheEmbeddedDatasetBySplit(@TempDir Path tmp) throws Exception {
        try (PartShell ui = PartShell.withFakes(tmp, PartShell.service(DatasetReader.class, new Fakes.Reader()))) {
            DatasetsPart part = ui.make(DatasetsPart.class);
            ui.shell.open();
            TestContexts.until(ui.display, () -> !part.loading() && !part.splits().isEmpty(), 20);
            assertEquals(Map.of("test (3)", 3, "train (1)", 1), part.splits());
            assertTrue(part.status().startsWith("fake: 4 sequences"), part.status());
            assertTrue(part.status().contains("fake/x.pkl: smpl_poses: demo problem"), "problems are shown: " + part.status());
        }
    }
}
