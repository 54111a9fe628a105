package org.choreolab.data.aistpp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.DoubleAdder;

import org.choreolab.api.ProgressMonitor;
import org.choreolab.io.numpy.NdArray;
import org.choreolab.io.numpy.NumpyPickle;
import org.choreolab.motion.ForwardKinematics;
import org.choreolab.motion.Smpl;

/**
 * Measures how fast a dataset of AIST++'s size loads: writes {@code sequences} motion pickles of
 * {@code frames} frames (random SMPL poses, float32, as AIST++ stores them), then times listing,
 * reading the pickles, and forward kinematics, on 1 thread and on {@code threads} threads.
 */
public final class LoadBenchmark {

    /** One row of the result table. */
    public record Row(String stage, int threads, double seconds, int sequences, long frames) {
        public double sequencesPerSecond() {
            return sequences / seconds;
        }

        public double framesPerSecond() {
            return frames / seconds;
        }
    }

    private LoadBenchmark() {
    }

    public static List<Row> run(Path dir, int sequences, int frames, int threads, ProgressMonitor monitor) throws IOException {
        Path motions = Files.createDirectories(dir.resolve("motions"));
        monitor.begin("Writing " + sequences + " pickles of " + frames + " frames", sequences);
        SplittableRandom r = new SplittableRandom(1408);
        List<String> genres = List.of("gBR", "gPO", "gLO", "gMH", "gLH", "gHO", "gWA", "gKR", "gJS", "gJB");
        for (int i = 0; i < sequences; i++) {
            String g = genres.get(i % genres.size());
            // Unique and grammatical for up to 30,000 sequences: genre, dancer and choreography from i.
            String id = String.format("%s_sBM_cAll_d%02d_m%s%d_ch%02d", g, i / 10 % 30 + 1, g.substring(1), i % 6, i / 300);
            float[] poses = new float[72 * frames];
            float[] trans = new float[3 * frames];
            for (int k = 0; k < poses.length; k++) {
                poses[k] = (float) ((r.nextDouble() - 0.5) * 1.5);
            }
            for (int k = 0; k < trans.length; k++) {
                trans[k] = (float) (r.nextDouble() * 100);
            }
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("smpl_loss", 1.0);
            d.put("smpl_poses", NdArray.float32(poses, frames, 72));
            d.put("smpl_scaling", NdArray.float32(new float[] {93.5f}, 1));
            d.put("smpl_trans", NdArray.float32(trans, frames, 3));
            NumpyPickle.writeDict(motions.resolve(id + ".pkl"), d);
            monitor.worked(1);
        }
        List<Row> rows = new ArrayList<>();
        for (int t : threads > 1 ? new int[] {1, threads} : new int[] {1}) {
            long t0 = System.nanoTime();
            AistppDataset ds = AistppDataset.open(dir);
            List<Path> files = ds.sequences().stream().map(ds::motionFile).toList();
            double list = (System.nanoTime() - t0) / 1e9;
            rows.add(new Row("list", t, list, files.size(), 0));
            // Load only, then load + FK: the difference is the cost of FK.
            rows.add(timed("load", t, files, frames, false, monitor));
            rows.add(timed("load + FK", t, files, frames, true, monitor));
        }
        return rows;
    }

    private static Row timed(String stage, int threads, List<Path> files, int frames, boolean fk, ProgressMonitor monitor) {
        monitor.begin(stage + " on " + threads + " thread(s)", files.size());
        DoubleAdder checksum = new DoubleAdder();
        long t0 = System.nanoTime();
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            pool.submit(() -> files.parallelStream().forEach(f -> {
                try {
                    AistppDataset.SmplMotion m = AistppDataset.readSmpl(f);
                    if (fk) {
                        float[] p = new ForwardKinematics(Smpl.NEUTRAL).compute(m.translation(), m.poses(), m.frames(),
                                new float[72 * m.frames()]);
                        checksum.add(p[p.length - 1]);
                    } else {
                        checksum.add(m.poses()[0]);
                    }
                    monitor.worked(1);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            })).join();
        } finally {
            pool.shutdown();
        }
        double s = (System.nanoTime() - t0) / 1e9;
        if (Double.isNaN(checksum.sum())) {
            throw new IllegalStateException("benchmark produced NaN");
        }
        return new Row(stage, threads, s, files.size(), (long) files.size() * frames);
    }
}
