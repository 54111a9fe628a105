package org.choreolab.core.robust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.choreolab.core.Experiment;
import org.choreolab.core.ModelBundles;
import org.choreolab.core.OutputLock;
import org.choreolab.core.ResultFiles;
import org.choreolab.testing.BundleJars;
import org.choreolab.testing.Jvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * Runs and state that never collide, and files that fail with a message: one run per output folder
 * (across processes, and after the holder is killed), experiment files read strictly, a full disk
 * leaving no temporary files, and a dropped-in bundle whose activator throws reported in one line and
 * not marked for a start (with a stack trace) at the next launch.
 */
class RobustnessTest {

    @TempDir
    Path tmp;

    // --- one run per output folder ----------------------------------------------------------------

    @Test
    void aSecondRunOnTheSameFolderIsRefusedUntilTheFirstEndsEvenByKillNine() throws Exception {
        Path out = tmp.resolve("out");
        Process holder = new ProcessBuilder(Jvm.java(), "-cp", Jvm.classpath(OutputLock.class, LockHolder.class), LockHolder.class.getName(),
                out.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", r.readLine(), "the other process holds the folder");
            IOException e = assertThrows(IOException.class, () -> OutputLock.acquire(out));
            assertTrue(e.getMessage().startsWith(out + " is in use by another run (pid " + holder.pid() + " on host "),
                    "the message names the holder's pid and host: " + e.getMessage());
            assertTrue(e.getMessage().endsWith(": wait for it to finish, or choose another --out (delete " + out.resolve(OutputLock.FILE)
                    + " only if no such run exists)"), e.getMessage());
        } finally {
            holder.destroyForcibly(); // kill -9: the kernel releases its lock
            holder.waitFor(30, TimeUnit.SECONDS);
        }
        try (OutputLock mine = OutputLock.acquire(out)) {
            assertTrue(Files.readString(out.resolve(OutputLock.FILE)).startsWith("pid " + ProcessHandle.current().pid() + " on host "),
                    "the folder is ours once the holder is dead; the file names us");
            IOException again = assertThrows(IOException.class, () -> OutputLock.acquire(out), "this process's second run");
            assertTrue(again.getMessage().contains("is in use by another run (pid " + ProcessHandle.current().pid()), again.getMessage());
        }
        OutputLock.acquire(out).close();
    }

    // --- experiment files -------------------------------------------------------------------------

    private String refusal(String json) throws IOException {
        Path f = Files.writeString(tmp.resolve("exp.json"), json);
        IOException e = assertThrows(IOException.class, () -> Experiment.read(f), json);
        assertTrue(e.getMessage().startsWith(f.toString()), "the message names the file: " + e.getMessage());
        return e.getMessage().substring(f.toString().length());
    }

    @Test
    void experimentFilesAreReadStrictly() throws IOException {
        assertEquals(" (line 1, column 19): text after the experiment's JSON object (a file holds one object)",
                refusal("{\"split\": \"test\"} {\"split\": \"val\"}"));
        assertEquals(" (line 1, column 24): field 'frames' appears twice", refusal("{\"frames\": 10, \"frames\": 20}"));
        assertTrue(refusal("{\"generators\": [null]}").endsWith(": generators[0]: expected a generator id, got null"));
        assertTrue(refusal("{\"metrics\": [\"fid_k\", \" \"]}").endsWith(": metrics[1]: expected a metric id, got ' '"));
        assertTrue(refusal("{\"frames\": 2147483647}").endsWith(": frames: expected at most 1000000 (4.6 hours at 60 fps;"
                + " AIST++'s longest dance is 3,000 frames), got 2147483647"));
        assertTrue(refusal("{\"device\": \"tpu9\"}").endsWith(": device: expected cpu, gpu, gpuN (gpu0, gpu1, …) or auto, got 'tpu9'"));
        for (String ok : List.of("cpu", "gpu", "gpu1", "auto")) {
            Path f = Files.writeString(tmp.resolve("ok.json"), "{\"device\": \"" + ok + "\", \"frames\": 1000000, \"generators\": [\"a\"]}\n");
            assertEquals(ok, Experiment.read(f).device());
        }
    }

    // --- a full disk ------------------------------------------------------------------------------

    @Test
    void aFullDiskLeavesNoTemporaryFileAndTheMessageNamesThePath() throws IOException {
        Path full = Path.of("/dev/full");
        assertTrue(Files.exists(full), "needs /dev/full (Linux; the product is Linux-only), whose writes fail with ENOSPC");
        Path dir = Files.createDirectory(tmp.resolve("results"));
        // The temporary file ResultFiles writes first, pointed at a device that is always full.
        Files.createSymbolicLink(dir.resolve(ResultFiles.EXPERIMENT_JSON + ".tmp"), full);
        IOException e = assertThrows(IOException.class, () -> ResultFiles.writeExperiment(Experiment.defaults(), dir));
        assertEquals("cannot write " + dir.resolve(ResultFiles.EXPERIMENT_JSON) + ": No space left on device", e.getMessage());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.map(p -> p.getFileName().toString()).toList(), "nothing left behind, no *.tmp");
        }
    }

    // --- a dropped-in bundle whose activator throws -----------------------------------------------

    private static byte[] bundleWithThrowingActivator() {
        return BundleJars.jar("test.bad.activator", "1.2.3",
                Map.of("Bundle-Activator", ThrowingActivator.class.getName(), "Import-Package", "org.osgi.framework"),
                Map.ofEntries(BundleJars.classFile(ThrowingActivator.class)));
    }

    @Test
    void aDroppedInBundleWhoseActivatorThrowsIsOneLineAndNotStartedAgainAtTheNextLaunch() throws Exception {
        BundleContext ctx = FrameworkUtil.getBundle(RobustnessTest.class).getBundleContext();
        Path dropins = Files.createDirectory(tmp.resolve("dropins"));
        Path jar = Files.write(dropins.resolve("bad_1.2.3.jar"), bundleWithThrowingActivator());
        String saved = System.getProperty("felix.fileinstall.dir");
        System.setProperty("felix.fileinstall.dir", dropins.toString());
        // As FileInstall does: install from the file and start (persistently), which fails.
        Bundle b = ctx.installBundle(jar.toUri().toString());
        try {
            assertThrows(BundleException.class, b::start);
            assertTrue(b.adapt(BundleStartLevel.class).isPersistentlyStarted(), "the failed start marked it for the next launch");
            List<String> problems = ModelBundles.awaitDropins(ctx, 1000);
            assertEquals(List.of(jar + ": test.bad.activator 1.2.3 fails to start: its activator threw IllegalStateException: "
                    + "license server unreachable"), problems, "one line: name, version, the exception's message");
            assertFalse(b.adapt(BundleStartLevel.class).isPersistentlyStarted(),
                    "not marked for a start at the next launch, where the framework would print its stack trace");
        } finally {
            b.uninstall();
            if (saved == null) {
                System.clearProperty("felix.fileinstall.dir");
            } else {
                System.setProperty("felix.fileinstall.dir", saved);
            }
        }
        // choreolab install refuses it with the same reason.
        assertEquals(jar + ": fails to start: its activator threw IllegalStateException: license server unreachable",
                assertThrows(IOException.class, () -> ModelBundles.validate(ctx, jar)).getMessage());
    }
}
