package org.choreolab.audio.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.choreolab.api.InvalidInputException;
import org.choreolab.api.audio.Audio;
import org.choreolab.api.audio.AudioEncoder;
import org.choreolab.api.audio.AudioFeatures;
import org.choreolab.audio.FactFeatures;
import org.choreolab.audio.Resampler;
import org.choreolab.audio.Wav;
import org.choreolab.testing.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

class WavAndEncodersTest {

    @Test
    void readsEveryReferenceEncoding() throws IOException {
        // 16-bit 44.1 kHz, 24-bit 22.05 kHz, 32-bit float, 16-bit stereo 48 kHz.
        Audio a = Wav.read(Reference.file("audio/wav/mHO3.wav"));
        assertEquals(22050, a.sampleRate());
        Audio f = Wav.read(Reference.file("audio/wav/mJS1.wav"));
        assertEquals(44100, f.sampleRate());
        Audio st = Wav.read(Reference.file("audio/wav/mPO4.wav"));
        assertEquals(2, st.channelCount());
        assertEquals(48000, st.sampleRate());
        float[] mono = Wav.mono(st);
        assertEquals((st.sample(0, 1000) + st.sample(1, 1000)) / 2, mono[1000], 1e-7);
    }

    @Test
    void badFilesGiveOneLineNamingTheFile(@TempDir Path dir) throws IOException {
        Path text = dir.resolve("notes.wav");
        Files.writeString(text, "not audio at all");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Wav.read(text));
        assertTrue(e.getMessage().startsWith(text + ": RIFF header: not a readable WAV file"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());

        byte[] good = Files.readAllBytes(Reference.file("audio/wav/mBR2.wav"));
        Path cut = dir.resolve("cut.wav");
        Files.write(cut, Arrays.copyOf(good, good.length / 3));
        InvalidInputException t = assertThrows(InvalidInputException.class, () -> Wav.read(cut));
        assertTrue(t.getMessage().startsWith(cut + ": data: truncated"), t.getMessage());

        assertThrows(InvalidInputException.class, () -> Wav.read(dir.resolve("missing.wav")));
    }

    @Test
    void theKaiserTablesAreResampysDefinition() {
        assertEquals(32769, Resampler.KAISER_BEST.length());
        assertEquals(8193, Resampler.KAISER_FAST.length());
        assertEquals(0.9475937167399596, Resampler.KAISER_BEST.coefficient(0), 1e-15, "rolloff · sinc(0) · kaiser(centre)");
        assertEquals(0.85, Resampler.KAISER_FAST.coefficient(0), 1e-15);
        assertTrue(Math.abs(Resampler.KAISER_BEST.coefficient(32768)) < 1e-7, "the Kaiser taper dies out at the 64th zero crossing");
    }

    @Test
    void encodersAreServicesAndAlignToTheRequestedFrames() throws Exception {
        var ctx = FrameworkUtil.getBundle(WavAndEncodersTest.class).getBundleContext();
        ServiceTracker<AudioEncoder, AudioEncoder> t = new ServiceTracker<>(ctx, AudioEncoder.class, null);
        t.open();
        t.waitForService(TimeUnit.SECONDS.toMillis(20));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (t.size() < 5 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Map<String, AudioEncoder> byId = new java.util.TreeMap<>();
        for (AudioEncoder e : t.getServices(new AudioEncoder[0])) {
            byId.put(e.id(), e);
        }
        assertEquals(List.of("bailando438", "beats", "fact35", "fact35-30fps", "mel"), List.copyOf(byId.keySet()));
        assertEquals(7.5, byId.get("bailando438").defaultFps(), "Bailando's features are at 7.5 fps (3,840 Hz, hop 512)");
        Path wav = Reference.file("audio/wav/mKR0.wav");
        AudioFeatures f = byId.get("fact35").encode(wav, 60, 500, Map.of());
        assertEquals(500, f.frameCount(), "cut to the motion's length");
        assertEquals(35, f.dimensions());
        AudioFeatures padded = byId.get("fact35").encode(wav, 60, 1000, Map.of());
        assertEquals(1000, padded.frameCount());
        assertEquals(0f, padded.value(999, 5), "padded with zeros after the 961 frames of music");
        assertEquals(f.value(100, 5), padded.value(100, 5));
        AudioFeatures at30 = byId.get("fact35-30fps").encode(wav, 30, -1, Map.of());
        assertEquals(481, at30.frameCount(), "1 + floor(ceil(n · 15360 / sr) / 512)");
        FactFeatures.Stages direct = FactFeatures.compute(Wav.read(wav), 30, 120);
        assertEquals(direct.features()[200][1], at30.value(200, 1), 1e-5, "the same pipeline at 15,360 Hz");
        assertEquals(128, byId.get("mel").encode(wav, 60, -1, Map.of()).dimensions());
        AudioFeatures beats = byId.get("beats").encode(wav, 60, -1, Map.of(AudioEncoder.OPTION_START_BPM, "120"));
        int[] expected = GoldenAudioTest.ints(GoldenAudioTest.npz(Reference.file("audio/golden/mKR0.npz")).get("beat_frames"));
        int[] got = java.util.stream.IntStream.range(0, beats.frameCount()).filter(i -> beats.value(i, 1) > 0).toArray();
        assertArrayEquals(expected, got);
        t.close();
    }
}
