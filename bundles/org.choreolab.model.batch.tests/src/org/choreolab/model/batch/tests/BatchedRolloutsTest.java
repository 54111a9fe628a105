package org.choreolab.model.batch.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.choreolab.api.ProgressMonitor;
import org.choreolab.api.model.Tensor;
import org.choreolab.model.batch.BatchedRollouts;
import org.choreolab.model.batch.BatchedRollouts.Batch;
import org.choreolab.model.batch.BatchedRollouts.Check;
import org.choreolab.model.batch.BatchedRollouts.Pass;
import org.choreolab.model.batch.BatchedRollouts.Rollout;
import org.choreolab.model.batch.BatchedRollouts.Verdict;
import org.choreolab.testing.RecordingMonitor;
import org.junit.jupiter.api.Test;

/**
 * Batched rollouts give every sequence what it gets alone, with one pass per step for all sequences
 * of a model that batches, and still when the model does not: a batch axis fixed at 1, a model that
 * mixes its rows. Sequences of different lengths leave the batch; passes of different shapes are
 * batched apart; a failing sequence is named and does not hang the others.
 */
class BatchedRolloutsTest {

    /** The pass alone, as a generator calls its model outside a batch. */
    private static final Batch ALONE = (model, inputs) -> model.predict(inputs);

    /** A row-wise model: each row's values halved plus one; records the batch sizes it was given. */
    private static final class RowWise implements Pass {
        final List<Integer> batches = Collections.synchronizedList(new ArrayList<>());

        @Override
        public List<Tensor> predict(List<Tensor> inputs) throws IOException {
            Tensor x = inputs.get(0);
            batches.add((int) x.shape()[0]);
            float[] v = x.data().clone();
            for (int i = 0; i < v.length; i++) {
                v[i] = 0.5f * v[i] + 1;
            }
            return List.of(new Tensor(x.shape(), v));
        }
    }

    /** A rollout of {@code steps} passes on a state of {@code width} values that starts from {@code seed}. */
    private static Rollout<float[]> rollout(Pass model, float seed, int width, int steps) {
        return (batch, monitor) -> {
            float[] x = new float[width];
            for (int i = 0; i < width; i++) {
                x[i] = seed * (i + 1) - i;
            }
            for (int s = 0; s < steps; s++) {
                x = batch.predict(model, List.of(new Tensor(new long[] {1, width}, x))).get(0).data();
                monitor.worked(1);
            }
            return x;
        };
    }

    private static List<String> names(int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add("seq-" + i);
        }
        return names;
    }

    /** What each rollout gives alone, its passes straight to the model. */
    private static List<float[]> alone(List<Rollout<float[]>> rollouts) throws IOException {
        List<float[]> out = new ArrayList<>();
        for (Rollout<float[]> r : rollouts) {
            out.add(r.run(ALONE, ProgressMonitor.NULL));
        }
        return out;
    }

    private static final class Told implements Verdict {
        int batches;
        final List<String> oneByOne = new ArrayList<>();

        @Override
        public synchronized void batches() {
            batches++;
        }

        @Override
        public synchronized void oneByOne(String why) {
            oneByOne.add(why);
        }
    }

    @Test
    void aBatchGivesEachSequenceWhatItGetsAloneWithOnePassPerStep() throws IOException {
        RowWise model = new RowWise();
        int[] steps = {5, 3, 7, 1};
        List<Rollout<float[]>> rollouts = new ArrayList<>();
        for (int i = 0; i < steps.length; i++) {
            rollouts.add(rollout(model, 0.3f * i + 0.1f, 3, steps[i]));
        }
        RecordingMonitor monitor = new RecordingMonitor();
        Told told = new Told();
        List<float[]> batched = BatchedRollouts.run(names(4), rollouts, 1, new Check(true, told), "test", 16, monitor);
        // one pass per step while all run, the batch shrinking as sequences end (1, 3, 5 and 7 steps)
        // plus the first batch's last row alone for the check
        assertEquals(List.of(4, 1, 3, 3, 2, 2, 1, 1), new ArrayList<>(model.batches));
        assertEquals(1, told.batches, "the check found the model batches");
        assertEquals(List.of(), told.oneByOne);
        assertEquals(16, monitor.total);
        assertEquals(16, monitor.worked.get(), "each sequence's steps are reported");
        List<float[]> expected = alone(rollouts);
        for (int i = 0; i < steps.length; i++) {
            assertArrayEquals(expected.get(i), batched.get(i), 0f, "sequence " + i);
        }
    }

    @Test
    void aModelWithItsBatchFixedAtOneRunsRowByRowAndSaysWhy() throws IOException {
        RowWise rows = new RowWise();
        AtomicInteger refused = new AtomicInteger();
        Pass fixed = inputs -> {
            long b = inputs.get(0).shape()[0];
            if (b != 1) {
                refused.incrementAndGet();
                throw new IOException("Got invalid dimensions for input: motion for the following indices index: 0 Got: " + b
                        + " Expected: 1");
            }
            return rows.predict(inputs);
        };
        List<Rollout<float[]>> rollouts = List.of(rollout(fixed, 1, 3, 4), rollout(fixed, 2, 3, 4), rollout(fixed, 3, 3, 2));
        RecordingMonitor monitor = new RecordingMonitor();
        Told told = new Told();
        List<float[]> batched = BatchedRollouts.run(names(3), rollouts, 1, new Check(true, told), "test", 10, monitor);
        assertEquals(1, refused.get(), "the batch is tried once, then given up for the run");
        assertEquals(1, told.oneByOne.size());
        assertTrue(told.oneByOne.get(0).startsWith("the model fails on a batch of 3 (Got invalid dimensions"), told.oneByOne.get(0));
        assertEquals(0, told.batches);
        assertTrue(monitor.lines.contains("one sequence at a time: " + told.oneByOne.get(0)), "the monitor is told: " + monitor.lines);
        List<float[]> expected = alone(rollouts);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(expected.get(i), batched.get(i), 0f, "sequence " + i);
        }
    }

    @Test
    void aModelThatMixesItsRowsIsFoundByTheFirstBatchAndRunsRowByRow() throws IOException {
        // Each row is moved by a tenth of the batch's mean: alone, a row's own value; in a batch, the others'.
        Pass mixing = inputs -> {
            Tensor x = inputs.get(0);
            float[] v = x.data().clone();
            float mean = 0;
            for (float f : v) {
                mean += f / v.length;
            }
            for (int i = 0; i < v.length; i++) {
                v[i] = 0.5f * v[i] + 0.1f * mean;
            }
            return List.of(new Tensor(x.shape(), v));
        };
        List<Rollout<float[]>> rollouts = List.of(rollout(mixing, 1, 2, 3), rollout(mixing, 5, 2, 3));
        Told told = new Told();
        List<float[]> batched = BatchedRollouts.run(names(2), rollouts, 1, new Check(true, told), "test", 6, ProgressMonitor.NULL);
        assertEquals(1, told.oneByOne.size(), "the verdict: " + told.oneByOne);
        assertTrue(told.oneByOne.get(0).contains("a sequence's result depends on the others"), told.oneByOne.get(0));
        List<float[]> expected = alone(rollouts);
        for (int i = 0; i < 2; i++) {
            assertArrayEquals(expected.get(i), batched.get(i), 0f, "sequence " + i);
        }
        // Unchecked (a generator's own network), the mixing is not looked for: the rows then differ.
        List<float[]> trusted = BatchedRollouts.run(names(2), rollouts, 1, Check.TRUSTED, "test", 6, ProgressMonitor.NULL);
        assertTrue(Math.abs(trusted.get(0)[0] - expected.get(0)[0]) > 1e-3, "the check is what finds it");
    }

    @Test
    void passesOfDifferentShapesAreBatchedApart() throws IOException {
        RowWise model = new RowWise();
        List<Rollout<float[]>> rollouts = List.of(rollout(model, 1, 3, 2), rollout(model, 2, 4, 2), rollout(model, 3, 3, 2),
                rollout(model, 4, 4, 2));
        List<float[]> batched = BatchedRollouts.run(names(4), rollouts, 1, Check.TRUSTED, "test", 8, ProgressMonitor.NULL);
        assertEquals(List.of(2, 2, 2, 2), new ArrayList<>(model.batches), "two widths, two batches of two per step");
        List<float[]> expected = alone(rollouts);
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(expected.get(i), batched.get(i), 0f, "sequence " + i);
        }
    }

    @Test
    void groupsAdvanceAsSeparateBatches() throws IOException {
        RowWise model = new RowWise();
        List<Rollout<float[]>> rollouts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rollouts.add(rollout(model, i, 3, 4));
        }
        List<float[]> batched = BatchedRollouts.run(names(5), rollouts, 2, Check.TRUSTED, "test", 20, ProgressMonitor.NULL);
        List<Integer> sizes = new ArrayList<>(model.batches);
        Collections.sort(sizes);
        assertEquals(List.of(2, 2, 2, 2, 3, 3, 3, 3), sizes, "five sequences dealt into groups of three and two");
        List<float[]> expected = alone(rollouts);
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(expected.get(i), batched.get(i), 0f, "sequence " + i);
        }
    }

    @Test
    void aFailingSequenceIsNamedAndTheOthersDoNotHang() {
        RowWise model = new RowWise();
        Rollout<float[]> failing = (batch, monitor) -> {
            batch.predict(model, List.of(new Tensor(new long[] {1, 3}, new float[3])));
            throw new IOException("the music ends");
        };
        List<Rollout<float[]>> rollouts = List.of(rollout(model, 1, 3, 6), failing, rollout(model, 2, 3, 6));
        IOException e = assertThrows(IOException.class,
                () -> BatchedRollouts.run(names(3), rollouts, 1, Check.TRUSTED, "test", 13, ProgressMonitor.NULL));
        assertEquals("seq-1: the music ends", e.getMessage());
    }

    @Test
    void aRolloutThatReturnsNothingIsNamed() {
        RowWise model = new RowWise();
        List<Rollout<float[]>> rollouts = List.of(rollout(model, 1, 3, 2), (batch, monitor) -> null);
        IOException e = assertThrows(IOException.class,
                () -> BatchedRollouts.run(names(2), rollouts, 1, Check.TRUSTED, "test", 2, ProgressMonitor.NULL));
        assertEquals("seq-1: the rollout returned nothing", e.getMessage());
    }

    @Test
    void aPassThatThrowsAnErrorFailsTheBatchInsteadOfHangingIt() {
        Pass crashing = inputs -> {
            throw new Error("the engine crashed");
        };
        List<Rollout<float[]>> rollouts = List.of(rollout(crashing, 1, 3, 4), rollout(crashing, 2, 3, 4));
        // A guard against a hang, not a measure of speed: every row must be released when the pass throws.
        IOException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThrows(IOException.class,
                () -> BatchedRollouts.run(names(2), rollouts, 1, Check.TRUSTED, "test", 8, ProgressMonitor.NULL)));
        assertEquals("seq-0: the engine crashed", e.getMessage());
    }
}
