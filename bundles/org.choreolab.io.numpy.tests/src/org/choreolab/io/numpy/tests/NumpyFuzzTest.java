package org.choreolab.io.numpy.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import org.choreolab.io.numpy.Npy;
import org.choreolab.io.numpy.NumpyPickle;
import org.choreolab.testing.Hostile;
import org.choreolab.testing.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded fuzz corpus: a few hundred mutants of real files (AIST++ motion pickles of protocols 2
 * and 4, numpy's {@code .npy} joints, Bailando's object {@code .npy}, EDGE's pickle), each of which
 * must give a value or one clear line naming the file, never a Java exception, a crash or a hang.
 * The time-out is a generous harness against hangs, not a speed assertion. A failure names the
 * mutant; the same seed gives the same corpus.
 */
class NumpyFuzzTest {

    static final long SEED = 20261130L;
    static final int MUTANTS = 400;

    static List<Path> seeds() {
        return List.of(Reference.file("aistpp/motions/gBR_sBM_cAll_d04_mBR0_ch08.pkl"),
                Reference.file("aistpp/motions/gMH_sBM_cAll_d11_mMH1_ch06.pkl"),
                Reference.file("aistpp/joints_reference/gLO_sFM_cAll_d01_mLO3_ch06.npy"),
                Reference.file("outputs/bailando/gPO_sFM_cAll_d16_mPO3_ch03.json.pkl.npy"),
                Reference.file("outputs/edge/test_gLO_sFM_cAll_d01_mLO3_ch06.pkl"));
    }

    @Test
    void everyMutantGivesAValueOrAClearError(@TempDir Path dir) throws IOException {
        Hostile.Outcome o = Hostile.fuzz(seeds(), MUTANTS, new SplittableRandom(SEED),
                (i, seed) -> dir.resolve("mutant-" + i + (seed.toString().endsWith(".npy") ? ".npy" : ".pkl")), " (seed " + SEED + ")",
                f -> {
                    if (f.toString().endsWith(".npy")) {
                        Npy.load(f);
                    } else {
                        NumpyPickle.read(f);
                    }
                });
        System.out.println(MUTANTS + " mutants: " + o.read() + " read, " + o.refused() + " refused with a clear message");
        // The corpus must exercise both outcomes, or it tests nothing.
        assertTrue(o.read() >= 20 && o.refused() >= 100, o.read() + " mutants read, " + o.refused() + " refused");
    }
}
