package org.choreolab.ui.internal.watch;

import static org.choreolab.ui.internal.PartShell.service;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.choreolab.api.data.DatasetReader;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.core.Experiment;
import org.choreolab.io.numpy.Npy;
import org.choreolab.testing.Fakes;
import org.choreolab.testing.Reference;
import org.choreolab.ui.internal.PartShell;
import org.choreolab.ui.internal.TestContexts;
import org.eclipse.core.runtime.jobs.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Watch view shows output folders (motion another program generated) beside the ground truth like a generator. */
class WatchOutputsTest {

    private PartShell ui;
    @TempDir
    Path tmp;

    @BeforeEach
    void setUp() throws Exception {
        ui = PartShell.withFakes(tmp.resolve("last-run"), service(DatasetReader.class, new Fakes.Reader())).size(900, 500);
        TestContexts.until(ui.display, () -> ui.registry.find(DatasetReader.class, "fake-reader").isPresent(), 10);
    }

    @AfterEach
    void tearDown() {
        ui.close();
    }

    /**
     * A joints folder ({@code <sequence>.npy}, (frames, 24, 3) metres) with real AIST++ joints for s2, as many
     * frames as the dataset's s2 has; returns the joints written.
     */
    private float[] jointsFolder(Path dir, int frames) throws Exception {
        float[] all = Npy.read(Reference.file("aistpp/joints_reference/gBR_sBM_cAll_d04_mBR0_ch08.npy")).toFloats();
        float[] joints = Arrays.copyOf(all, frames * 72);
        Files.createDirectories(dir);
        Npy.writeFloat32(dir.resolve("s2.npy"), joints, frames, 24, 3);
        return joints;
    }

    @Test
    void anAddedOutputsFolderIsWatchedAsAClipOfTheSequencesLength() throws Exception {
        int frames = new Fakes.Data().motion(new Fakes.Data().sequence("s2").orElseThrow()).frameCount();
        float[] written = jointsFolder(tmp.resolve("elsewhere"), frames);
        WatchPart part = ui.make(WatchPart.class);
        ui.shell.open();
        part.form.addOutputs(Map.of("elsewhere", tmp.resolve("elsewhere").toString()));
        assertEquals(List.of("outputs:elsewhere"), part.form.chosen(), "a folder added is ticked: " + WatchAccess.status(part));
        part.choose("s2", List.of("outputs:elsewhere"), 5);
        Job j = part.load();
        j.join(20_000, null);
        TestContexts.until(ui.display, () -> part.player.scene().titles().size() == 2, 10);
        assertEquals(List.of("Ground truth", "elsewhere"), part.player.scene().titles(), WatchAccess.status(part));
        MotionClip shown = part.player.scene().panels().get(1).clip();
        assertEquals(frames, shown.frameCount(), "the folder's s2.npy has the sequence's " + frames + " frames");
        assertEquals(60, shown.fps(), 1e-9, "joints folders are 60 fps");
        assertArrayEquals(written, shown.positions(new float[frames * 72]), 1e-6f, "the joints of s2.npy, y up as written");
        assertTrue(part.status().startsWith("2 clip(s)"), part.status());
        Path png = tmp.resolve("still.png");
        part.exportTo(png).join(30_000, null);
        assertTrue(Files.isRegularFile(png) && Files.size(png) > 0, "a joints-only clip is drawn by the skeleton painter: " + part.status());
    }

    @Test
    void aSequenceWithoutAFileIsAStatusLineNamingTheFolderAndTheSequence() throws Exception {
        jointsFolder(tmp.resolve("elsewhere"), 10);
        WatchPart part = ui.make(WatchPart.class);
        ui.shell.open();
        part.form.addOutputs(Map.of("elsewhere", tmp.resolve("elsewhere").toString()));
        part.choose("s1", List.of("outputs:elsewhere"), 5);
        part.load().join(20_000, null);
        TestContexts.until(ui.display, () -> part.status().contains("failed"), 10);
        assertEquals(List.of("Ground truth"), part.player.scene().titles());
        assertTrue(part.status().contains("elsewhere: no file for s1 in " + tmp.resolve("elsewhere")), part.status());
    }

    @Test
    void theExperimentsOutputFoldersAreAmongTheChoices() {
        WatchPart part = ui.make(WatchPart.class);
        Experiment ex = Experiment.defaults().withOutputs(Map.of("bailando", tmp.resolve("b").toString()));
        part.started(ex);
        assertEquals(Map.of("bailando", tmp.resolve("b").toString()), part.form.allOutputs());
        assertEquals(Map.of("bailando", tmp.resolve("b").toString()), part.form.outputs(), "ticked while there is room");
        part.registry(ui.registry); // the generators listed again keep the folder's row
        assertEquals(Map.of("bailando", tmp.resolve("b").toString()), part.form.outputs());
    }
}
