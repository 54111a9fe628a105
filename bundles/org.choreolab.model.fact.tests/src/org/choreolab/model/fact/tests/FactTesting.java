package org.choreolab.model.fact.tests;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

import org.choreolab.api.data.Dataset;
import org.choreolab.api.model.Tensor;
import org.choreolab.data.aistpp.AistppDataset;
import org.choreolab.data.aistpp.SampleDataset;
import org.choreolab.model.fact.internal.FactConfig;

/** Shared fixtures: FACT shapes small enough for tests, inputs, the embedded sample. */
final class FactTesting {

    /** Tiny: seconds to build and run, the structure intact (two heads, every transformer present). */
    static final FactConfig TINY = new FactConfig(16, 2, 32, 1, 1, 1, 120, 240, 225, 35, 20);
    /** Wider and deeper, for the parity check: ten heads as published, two layers everywhere. */
    static final FactConfig MEDIUM = new FactConfig(80, 10, 160, 2, 2, 2, 120, 240, 225, 35, 20);

    private FactTesting() {
    }

    static Tensor random(long seed, long... shape) {
        Random r = new Random(seed);
        int n = 1;
        for (long d : shape) {
            n *= (int) d;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return new Tensor(shape, v);
    }

    static Dataset sample() throws IOException {
        Path dir = Path.of(System.getProperty("user.home"), "fact-tests-sample");
        return AistppDataset.open(SampleDataset.ensure(dir));
    }
}
