package org.choreolab.audio.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.choreolab.api.InvalidInputException;
import org.choreolab.api.audio.Audio;
import org.choreolab.api.audio.AudioEncoder;
import org.choreolab.api.audio.AudioFeatures;
import org.choreolab.audio.BailandoFeatures;
import org.choreolab.audio.FactFeatures;
import org.choreolab.audio.Spectral;
import org.choreolab.audio.Wav;
import org.osgi.service.component.annotations.Component;

/** The audio encoder services. */
public final class Encoders {

    private Encoders() {
    }

    /** Shared: file reading, frame alignment and the FACT pipeline's tempo prior. */
    abstract static class Base implements AudioEncoder {

        @Override
        public AudioFeatures encode(Path file, double fps, int frames, Map<String, String> options) throws IOException {
            return encode(Wav.read(file), file.toString(), fps, frames, options);
        }

        @Override
        public AudioFeatures encode(Audio audio, double fps, int frames, Map<String, String> options) throws IOException {
            return encode(audio, "audio", fps, frames, options);
        }

        /** Encodes, refusing what the pipeline cannot take with one line naming {@code source}. */
        AudioFeatures encode(Audio audio, String source, double fps, int frames, Map<String, String> options) throws IOException {
            if (!(fps > 0) || fps > 1000) {
                throw new InvalidInputException(source, "fps", fps + "; expected a frame rate above 0 and at most 1000 (" + id() + ")");
            }
            if (frames > 10_000_000) {
                throw new InvalidInputException(source, "frames", frames + "; expected at most 10,000,000 (-1 for all)");
            }
            for (int c = 0; c < audio.channelCount(); c++) {
                for (int i = 0; i < audio.length(); i++) {
                    if (!Float.isFinite(audio.sample(c, i))) {
                        throw new InvalidInputException(source, "samples", "sample " + i + " of channel " + c + " is "
                                + audio.sample(c, i) + "; expected finite samples");
                    }
                }
            }
            String bpm = options.get(OPTION_START_BPM);
            if (bpm != null) {
                double v;
                try {
                    v = Double.parseDouble(bpm);
                } catch (NumberFormatException e) {
                    v = Double.NaN;
                }
                if (!(v > 0 && v < 10_000)) {
                    throw new InvalidInputException(source, OPTION_START_BPM, "'" + bpm + "'; expected a tempo in BPM above 0");
                }
            }
            double[][] f;
            try {
                f = compute(audio, fps, options);
            } catch (IllegalArgumentException e) {
                // Our own stages say what they cannot take (e.g. a signal too short for a 7-octave CQT).
                throw new InvalidInputException(source, "samples", e.getMessage() + " (" + id() + ")");
            }
            for (double[] row : f) {
                for (double v : row) {
                    if (!Double.isFinite(v)) {
                        throw new InvalidInputException(source, "samples", "the " + id()
                                + " features are not finite; expected audio samples of moderate size (about -1 to 1)");
                    }
                }
            }
            int dims = dimensionNames().size();
            int n = frames < 0 ? f.length : frames;
            float[] v = new float[n * dims];
            for (int t = 0; t < Math.min(n, f.length); t++) {
                for (int d = 0; d < dims; d++) {
                    v[t * dims + d] = (float) f[t][d];
                }
            }
            return new AudioFeatures(v, n, dimensionNames(), fps);
        }

        abstract double[][] compute(Audio audio, double fps, Map<String, String> options);

        /** The power STFT of the FACT pipeline (resampled to {@code sr}, n_fft 2048, hop 512). */
        static double[][] power(Audio audio, double sr) {
            return FactFeatures.power(FactFeatures.resampled(audio, sr));
        }

        static double startBpm(Map<String, String> options) {
            String explicit = options.get(OPTION_START_BPM);
            if (explicit != null) {
                return Double.parseDouble(explicit);
            }
            return FactFeatures.startBpm(options.get(OPTION_MUSIC_ID));
        }
    }

    abstract static class Fact extends Base {
        @Override
        public List<String> dimensionNames() {
            return FactFeatures.NAMES;
        }

        @Override
        double[][] compute(Audio audio, double fps, Map<String, String> options) {
            return FactFeatures.compute(audio, fps, startBpm(options)).features();
        }
    }

    @Component(service = AudioEncoder.class, property = "choreolab.id=fact35")
    public static final class Fact35 extends Fact {
        @Override public String id() { return "fact35"; }
        @Override public String name() { return "FACT music features (35-d, 60 fps)"; }
        @Override public String description() {
            return "mint's preprocessing with librosa 0.8.1: onset envelope, MFCC x20, chroma CENS x12, onset and beat one-hots; "
                    + "resampled to fps x 512 Hz (resampy kaiser_best), hop 512";
        }
        @Override public double defaultFps() { return 60; }
    }

    @Component(service = AudioEncoder.class, property = "choreolab.id=fact35-30fps")
    public static final class Fact35At30 extends Fact {
        @Override public String id() { return "fact35-30fps"; }
        @Override public String name() { return "FACT music features (35-d, 30 fps, as EDGE and Lodge)"; }
        @Override public String description() {
            return "The FACT pipeline at half the sampling rate (15,360 Hz, hop 512), as EDGE's baseline features";
        }
        @Override public double defaultFps() { return 30; }
    }

    /** Bailando's 438 music features (its own preprocessing with librosa 0.8.1), 7.5 fps by default as Bailando uses them. */
    @Component(service = AudioEncoder.class, property = "choreolab.id=bailando438")
    public static final class Bailando438 extends Base {
        @Override public String id() { return "bailando438"; }
        @Override public String name() { return "Bailando music features (438-d, 7.5 fps)"; }
        @Override public String description() {
            return "Bailando's _prepro_aistpp_music.py with librosa 0.8.1: MFCC x20, MFCC delta x20, constant-Q chroma x12 (harmonic part), "
                    + "onset envelope and beat one-hot (percussive part), tempogram x384; fps x 512 Hz, hop 512 (7.5 fps for its GPT, 60 for its actor-critic)";
        }
        @Override public List<String> dimensionNames() { return BailandoFeatures.NAMES; }
        @Override public double defaultFps() { return 7.5; }

        @Override
        double[][] compute(Audio audio, double fps, Map<String, String> options) {
            return BailandoFeatures.compute(audio, fps).features();
        }
    }

    /** The log-mel spectrogram (128 Slaney bands up to sr/2, dB, 80 dB floor) at the motion frame rate. */
    @Component(service = AudioEncoder.class, property = "choreolab.id=mel")
    public static final class Mel extends Base {
        private static final List<String> NAMES;

        static {
            List<String> n = new ArrayList<>();
            for (int i = 0; i < 128; i++) {
                n.add("mel_" + i);
            }
            NAMES = List.copyOf(n);
        }

        @Override public String id() { return "mel"; }
        @Override public String name() { return "Log-mel spectrogram (128 bands)"; }
        @Override public String description() {
            return "librosa.power_to_db(melspectrogram(y, sr=fps x 512, n_fft=2048, hop 512)): one frame per motion frame";
        }
        @Override public List<String> dimensionNames() { return NAMES; }
        @Override public double defaultFps() { return 60; }

        @Override
        double[][] compute(Audio audio, double fps, Map<String, String> options) {
            double sr = fps * FactFeatures.HOP;
            double[][] db = Spectral.logMel(power(audio, sr), sr, 2048, sr / 2);
            double[][] out = new double[db[0].length][128];
            for (int m = 0; m < 128; m++) {
                for (int t = 0; t < out.length; t++) {
                    out[t][m] = db[m][t];
                }
            }
            return out;
        }
    }

    /**
     * The onset envelope and the beat one-hot of the FACT pipeline, without MFCC and chroma. Its
     * {@code choreolab.beat.feature} property names the column holding the beats: the runner and
     * {@code render} select the encoder they take music beats from by that property (core's MusicBeats).
     */
    @Component(service = AudioEncoder.class, property = {"choreolab.id=beats", "choreolab.beat.feature=beat"})
    public static final class Beats extends Base {
        @Override public String id() { return "beats"; }
        @Override public String name() { return "Onset envelope and beats"; }
        @Override public String description() {
            return "librosa 0.8.1 onset strength and beat_track (tightness 100, tempo prior from the music id) at fps";
        }
        @Override public List<String> dimensionNames() { return List.of("envelope", "beat"); }
        @Override public double defaultFps() { return 60; }

        @Override
        double[][] compute(Audio audio, double fps, Map<String, String> options) {
            double sr = fps * FactFeatures.HOP;
            double[][] power = power(audio, sr);
            float[] env = Spectral.onsetStrength(Spectral.logMel(power, sr, 2048, 11025.0), 2048, FactFeatures.HOP);
            int[] beats = org.choreolab.audio.Rhythm.beatTrack(env, sr, FactFeatures.HOP, startBpm(options)).frames();
            double[][] out = new double[env.length][2];
            for (int t = 0; t < env.length; t++) {
                out[t][0] = env[t];
            }
            for (int b : beats) {
                out[b][1] = 1;
            }
            return out;
        }
    }
}
