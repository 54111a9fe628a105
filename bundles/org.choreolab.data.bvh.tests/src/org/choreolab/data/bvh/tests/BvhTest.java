package org.choreolab.data.bvh.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import org.choreolab.api.InvalidInputException;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.data.bvh.Bvh;
import org.choreolab.motion.ForwardKinematics;
import org.choreolab.motion.Rotations;
import org.choreolab.motion.Smpl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BvhTest {

    private static MotionClip smplClip(int frames) {
        SplittableRandom r = new SplittableRandom(11);
        float[] t = new float[3 * frames];
        float[] aa = new float[72 * frames];
        for (int f = 0; f < frames; f++) {
            t[3 * f] = (float) (0.3 * Math.sin(f * 0.1));
            t[3 * f + 1] = 0.92f;
            t[3 * f + 2] = (float) (0.01 * f);
            for (int i = 0; i < 72; i++) {
                aa[72 * f + i] = (float) ((r.nextDouble() - 0.5) * 2.0);
            }
        }
        return new ForwardKinematics(Smpl.NEUTRAL).withPositions(new MotionClip(Smpl.NEUTRAL, 60, t, aa, null));
    }

    @Test
    void smplClipsRoundTripThroughBvh(@TempDir Path dir) throws IOException {
        MotionClip c = smplClip(30);
        Path f = dir.resolve("clip.bvh");
        Bvh.write(c, f, 100);
        String text = Files.readString(f);
        assertTrue(text.startsWith("HIERARCHY\nROOT root\n{\n  OFFSET 0.000000 0.000000 0.000000\n"
                + "  CHANNELS 6 Xposition Yposition Zposition Zrotation Xrotation Yrotation\n"), text.substring(0, 200));
        assertTrue(text.contains("Frames: 30\nFrame Time: 0.01666667\n"));
        assertEquals(Smpl.JOINTS - 1, text.split("JOINT ").length - 1);

        Bvh.Result r = Bvh.read(f, 100);
        assertEquals(List.of("root", "lhip", "lknee", "lankle", "ltoes", "rhip"), r.skeleton().jointNames().subList(0, 6),
                "file order is depth first");
        MotionClip back = r.clipOn(Smpl.NEUTRAL);
        assertEquals(30, back.frameCount());
        assertEquals(60, back.fps(), 1e-4);
        double[] m1 = new double[9], m2 = new double[9];
        for (int fr = 0; fr < 30; fr++) {
            for (int j = 0; j < 24; j++) {
                for (int k = 0; k < 3; k++) {
                    assertEquals(c.position(fr, j, k), back.position(fr, j, k), 1e-5, "frame " + fr + " joint " + j);
                }
                Rotations.axisAngleToMatrix(c.rotation(fr, j, 0), c.rotation(fr, j, 1), c.rotation(fr, j, 2), m1, 0);
                Rotations.axisAngleToMatrix(back.rotation(fr, j, 0), back.rotation(fr, j, 1), back.rotation(fr, j, 2), m2, 0);
                for (int i = 0; i < 9; i++) {
                    assertEquals(m1[i], m2[i], 1e-5);
                }
            }
        }
    }

    @Test
    void readsOtherChannelOrdersAndUnits(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("two.bvh");
        Files.writeString(f, """
                HIERARCHY
                ROOT hips
                {
                  OFFSET 0 0 0
                  CHANNELS 6 Xposition Yposition Zposition Xrotation Yrotation Zrotation
                  JOINT knee
                  {
                    OFFSET 0 -40 0
                    CHANNELS 3 Yrotation Xrotation Zrotation
                    End Site
                    {
                      OFFSET 0 -40 0
                    }
                  }
                }
                MOTION
                Frames: 2
                Frame Time: 0.0333333
                0 90 0 0 0 0 0 0 0
                10 90 0 0 0 90 0 90 0
                """);
        MotionClip c = Bvh.read(f, 100).clip();
        assertEquals(List.of("hips", "knee"), c.skeleton().jointNames());
        assertEquals(-0.4, c.skeleton().offset(1, 1), 1e-12);
        assertEquals(0.9, c.position(0, 0, 1), 1e-6);
        assertEquals(0.5, c.position(0, 1, 1), 1e-6, "knee 40 cm below the hips");
        // Frame 1: hips turned 90° about z: the knee offset (0, -0.4, 0) goes to (0.4, 0, 0).
        assertEquals(0.1 + 0.4, c.position(1, 1, 0), 1e-6);
        assertEquals(0.9, c.position(1, 1, 1), 1e-6);
    }

    @Test
    void malformedFilesNameTheLine(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.bvh");
        Files.writeString(f, "HIERARCHY\nROOT a\n{\n  OFFSET 0 0 0\n  CHANNELS 3 Xrotation Wrotation Zrotation\n}\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Bvh.read(f, 1));
        assertEquals(f + ": line 5: joint a: unknown channel 'Wrotation' (expected X/Y/Z position or rotation)", e.getMessage());
        Files.writeString(f, "HIERARCHY\nROOT a\n{\n  OFFSET 0 0 0\n  CHANNELS 3 Xrotation Yrotation Zrotation\n}\nMOTION\nFrames: 2\nFrame Time: 0.1\n1 2 3\n");
        InvalidInputException t = assertThrows(InvalidInputException.class, () -> Bvh.read(f, 1));
        assertTrue(t.getMessage().contains("expected 2 frames of motion, the file ends in frame 1"), t.getMessage());
    }
}
