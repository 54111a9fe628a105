package org.choreolab.core.internal.isolation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.choreolab.api.audio.AudioFeatures;
import org.choreolab.api.data.Sequence;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.api.motion.Skeleton;
import org.junit.jupiter.api.Test;

/** What crosses the process boundary arrives exactly: every float, every field, long clips included. */
class WireTest {

    static float[] ramp(int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) Math.sin(i * 0.37) * scale + i * 1e-3f;
        }
        return v;
    }

    @Test
    void aRequestAndAClipOfThreeThousandFramesArriveIntact() throws IOException {
        Skeleton k = new Skeleton("three", List.of("root", "spine", "héad"), new int[] {-1, 0, 1}, new double[] {0, 0, 0, 0, 0.1, 0, 0, 0.2, 0.05});
        int frames = 3000;
        MotionClip clip = new MotionClip(k, 60, ramp(3 * frames, 1), ramp(9 * frames, 2), ramp(9 * frames, 3));
        AudioFeatures music = new AudioFeatures(ramp(35 * 3600, 4), 3600, java.util.Collections.nCopies(35, "d"), 60);
        Sequence s = new Sequence("gBR_sBM_cAll_d04_mBR0_ch01", "test", "mBR0", Map.of("genre", "gBR", "ünïcode", "✓"));
        Wire.Generate g = new Wire.Generate(5, "fact-pytorch", "/data/aist", "AIST++", s, music, clip.slice(0, 120), frames, 60,
                -3L, "gpu0", Map.of("feedback", "raw"), true);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Wire.Out out = new Wire.Out(bytes);
        out.generate(g);
        out.result(5, clip);
        out.result(6, null);
        out.progress(5, 10, 3000, "warming up");
        Wire.In in = new Wire.In(new ByteArrayInputStream(bytes.toByteArray()));

        assertEquals(Wire.GENERATE, in.tag());
        Wire.Generate h = in.generate();
        assertEquals(List.of(5, "fact-pytorch", "/data/aist", "AIST++", s, frames, 60.0, -3L, "gpu0", Map.of("feedback", "raw"), true),
                List.of(h.req(), h.generator(), h.datasetRoot(), h.datasetName(), h.target(), h.frames(), h.fps(), h.seed(),
                        h.device(), h.parameters(), h.musicSource()));
        assertArrayEquals(music.values(new float[35 * 3600]), h.music().values(new float[35 * 3600]), "music values");
        assertEquals(music.dimensionNames(), h.music().dimensionNames());
        assertEquals(120, h.seedMotion().frameCount(), "seed frames");

        assertEquals(Wire.RESULT, in.tag());
        Object[] r = in.result();
        MotionClip back = (MotionClip) r[1];
        assertEquals(k, back.skeleton(), "skeleton: names, parents, offsets");
        assertEquals(frames, back.frameCount());
        assertArrayEquals(clip.translations(new float[3 * frames]), back.translations(new float[3 * frames]));
        assertArrayEquals(clip.rotations(new float[9 * frames]), back.rotations(new float[9 * frames]));
        assertArrayEquals(clip.positions(new float[9 * frames]), back.positions(new float[9 * frames]));

        assertEquals(Wire.RESULT, in.tag());
        assertNull(in.result()[1], "a null clip stays null");
        assertEquals(Wire.PROGRESS, in.tag());
        assertArrayEquals(new Object[] {5, 10, 3000, "warming up"}, in.progress());
        assertEquals(-1, in.tag(), "end of stream");
    }

    @Test
    void aCorruptLengthIsAnErrorNotAnOutOfMemoryError() {
        byte[] b = {0, 0, 0, 1, 0, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}; // req 1, not canceled, a message of 2^31-1 bytes
        Wire.In in = new Wire.In(new ByteArrayInputStream(b));
        IOException e = assertThrows(IOException.class, in::failed);
        assertEquals("corrupt message from the other process (length 2147483647)", e.getMessage());
    }
}
