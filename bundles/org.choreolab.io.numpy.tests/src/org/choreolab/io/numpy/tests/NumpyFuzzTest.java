package org.choreolab.io.numpy.tests;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

import org.choreolab.api.InvalidInputException;
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
        List<Path> seeds = seeds();
        List<byte[]> originals = new java.util.ArrayList<>();
        for (Path s : seeds) {
            originals.add(Files.readAllBytes(s));
        }
        SplittableRandom random = new SplittableRandom(SEED);
        int values = 0, errors = 0;
        for (int i = 0; i < MUTANTS; i++) {
            int which = i % seeds.size();
            byte[] mutant = Hostile.mutate(originals.get(which), random);
            boolean npy = seeds.get(which).toString().endsWith(".npy");
            Path f = dir.resolve("mutant-" + i + (npy ? ".npy" : ".pkl"));
            Files.write(f, mutant);
            String what = "mutant " + i + " of " + seeds.get(which).getFileName() + " (seed " + SEED + ")";
            boolean ok = assertTimeoutPreemptively(Duration.ofMinutes(1), () -> {
                try {
                    if (npy) {
                        Npy.load(f);
                    } else {
                        NumpyPickle.read(f);
                    }
                    return true;
                } catch (InvalidInputException e) {
                    Hostile.requireClearMessage(e.getMessage(), f.toString());
                    return false;
                } catch (Throwable t) {
                    throw new AssertionError(what + ": " + t, t);
                }
            }, () -> what + " was still being read after a minute: a hang");
            if (ok) {
                values++;
            } else {
                errors++;
            }
            Files.delete(f);
        }
        System.out.println(MUTANTS + " mutants: " + values + " read, " + errors + " refused with a clear message");
        // The corpus must exercise both outcomes, or it tests nothing.
        assertTrue(values >= 20 && errors >= 100, values + " mutants read, " + errors + " refused");
    }
}
