package org.choreolab.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.choreolab.api.audio.Audio;
import org.choreolab.api.audio.AudioEncoder;
import org.choreolab.api.audio.AudioFeatures;
import org.choreolab.audio.FactFeatures;
import org.choreolab.audio.Wav;
import org.choreolab.io.numpy.Npy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "audio", mixinStandardHelpOptions = true, description = "Computes music features.",
        subcommands = {AudioCommand.Features.class, AudioCommand.Benchmark.class})
public final class AudioCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static AudioEncoder encoder(Services services, String id) throws IOException {
        return services.registry().find(AudioEncoder.class, id).orElseThrow(() -> new IOException("unknown encoder '" + id
                + "' (installed: " + services.registry().services(AudioEncoder.class).stream().map(AudioEncoder::id).toList() + ")"));
    }

    @Command(name = "features", mixinStandardHelpOptions = true,
            description = "Writes the features of a WAV file as float32 (frames, dims) .npy.")
    static final class Features implements Callable<Integer> {
        private final Services services;
        @Spec CommandSpec spec;
        @Option(names = "--encoder", defaultValue = "fact35", paramLabel = "ID", description = "Encoder id (default: ${DEFAULT-VALUE}).") String encoderId;
        @Option(names = "--in", required = true, paramLabel = "FILE.wav") Path in;
        @Option(names = "--out", required = true, paramLabel = "FILE.npy") Path out;
        @Option(names = "--fps", paramLabel = "N", description = "Frames per second (default: the encoder's own).") Double fps;
        @Option(names = "--frames", defaultValue = "-1", paramLabel = "N", description = "Cut or pad to this many frames (default: all).") int frames;
        @Option(names = "--start-bpm", paramLabel = "BPM", description = "The beat tracker's starting tempo (default: from an AIST++ music id in the file name, else 120).")
        Double startBpm;
        @Option(names = "--stages", paramLabel = "DIR",
                description = "Also write every intermediate stage of the FACT pipeline (resampled signal, envelope, MFCC, chroma, onset and beat frames, tempo).")
        Path stages;

        Features(Services services) {
            this.services = services;
        }

        @Override
        public Integer call() throws IOException {
            AudioEncoder enc;
            try {
                enc = encoder(services, encoderId);
            } catch (IOException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--encoder " + e.getMessage());
            }
            double f = fps != null ? fps : enc.defaultFps();
            Map<String, String> options = new HashMap<>();
            String stem = in.getFileName().toString().replaceAll("\\.[^.]*$", "");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("m[A-Z]{2}\\d").matcher(stem);
            if (m.find()) {
                options.put(AudioEncoder.OPTION_MUSIC_ID, m.group());
            }
            if (startBpm != null) {
                options.put(AudioEncoder.OPTION_START_BPM, Double.toString(startBpm));
            }
            Audio audio = Wav.read(in);
            AudioFeatures features = enc.encode(audio, f, frames, options);
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Npy.writeFloat32(out, features.values(new float[features.frameCount() * features.dimensions()]), features.frameCount(),
                    features.dimensions());
            PrintWriter o = spec.commandLine().getOut();
            o.printf("Wrote %s: %d frames x %d dims at %s fps (%s)%n", out.toAbsolutePath(), features.frameCount(), features.dimensions(),
                    f, enc.id());
            if (stages != null) {
                writeStages(audio, f, options);
                o.println("Wrote the stages to " + stages.toAbsolutePath());
            }
            return 0;
        }

        private void writeStages(Audio audio, double f, Map<String, String> options) throws IOException {
            Files.createDirectories(stages);
            double bpm = options.containsKey(AudioEncoder.OPTION_START_BPM) ? Double.parseDouble(options.get(AudioEncoder.OPTION_START_BPM))
                    : FactFeatures.startBpm(options.get(AudioEncoder.OPTION_MUSIC_ID));
            FactFeatures.Stages s = FactFeatures.compute(audio, f, bpm);
            int t = s.frames();
            Npy.writeFloat32(stages.resolve("resampled.npy"), s.y(), s.y().length);
            Npy.writeFloat32(stages.resolve("envelope.npy"), s.envelope(), t);
            Npy.writeFloat32(stages.resolve("mfcc.npy"), flat(s.mfcc()), t, 20);
            Npy.writeFloat32(stages.resolve("chroma_raw.npy"), flat(s.chroma().chromaRaw()), t, 12);
            Npy.writeFloat32(stages.resolve("chroma_cens.npy"), flat(s.chroma().cens()), t, 12);
            Map<String, Object> rhythm = new java.util.LinkedHashMap<>();
            rhythm.put("sr", s.sr());
            rhythm.put("start_bpm", bpm);
            rhythm.put("tuning", s.chroma().tuning());
            rhythm.put("tempo", s.beats().tempo().bpm());
            rhythm.put("tempo_bin", s.beats().tempo().bin());
            rhythm.put("onset_frames", s.onsets());
            rhythm.put("beat_frames", s.beats().frames());
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(stages.resolve("rhythm.json").toFile(), rhythm);
        }

        private static float[] flat(float[][] a) {
            float[] out = new float[a.length * (a.length == 0 ? 0 : a[0].length)];
            for (int i = 0; i < a.length; i++) {
                System.arraycopy(a[i], 0, out, i * a[i].length, a[i].length);
            }
            return out;
        }

        private static float[] flat(double[][] a) {
            int w = a.length == 0 ? 0 : a[0].length;
            float[] out = new float[a.length * w];
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < w; j++) {
                    out[i * w + j] = (float) a[i][j];
                }
            }
            return out;
        }
    }

    @Command(name = "benchmark", mixinStandardHelpOptions = true,
            description = "Seconds of compute per minute of audio: fact35 stage by stage against the reference pipeline's stages, "
                    + "then every installed encoder; min and median of repeated runs; prints tables.")
    static final class Benchmark implements Callable<Integer> {
        private final Services services;
        @Spec CommandSpec spec;
        @Option(names = "--reference", paramLabel = "FILE", description = "timings.json of the reference pipeline, printed beside ours.")
        Path reference;
        @Option(names = "--seconds", defaultValue = "60", paramLabel = "S", description = "Length of the generated test music (default: ${DEFAULT-VALUE} s).")
        int seconds;
        @Option(names = "--runs", defaultValue = "7", paramLabel = "N", description = "Timed runs after the warm-ups; min and median are reported (default: ${DEFAULT-VALUE}).")
        int runs;

        // Two warm-ups timed the JIT more than the code: the times keep falling for about 10 runs on an idle
        // machine and about 25 under load, until C2 has compiled the hot loops.
        @Option(names = "--warmups", defaultValue = "15", paramLabel = "N", description = "Untimed runs before the timed ones of each table, "
                + "so that the JIT has compiled the hot loops (default: ${DEFAULT-VALUE}).")
        int warmups;

        Benchmark(Services services) {
            this.services = services;
        }

        /** The reference's stages (mint + librosa 0.8.1, timings.json) and the fact35 stages that do the same work. */
        private static final String[][] GROUPS = {
            {"load_resample", "resample"},
            {"onset_strength + mfcc", "stft+mel+piptrack", "onset envelope", "mfcc"},
            {"chroma_cens", "tuning", "cqt", "chroma cens"},
            {"onset_detect", "onset detect"},
            {"beat_track", "tempo+beats"},
            {"assemble", "assemble"}};

        @Override
        public Integer call() throws IOException {
            if (seconds < 1 || runs < 1 || warmups < 0) {
                // Bad usage (exit code 2), not a failure of the benchmark.
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--seconds and --runs must be at least 1, --warmups at least 0");
            }
            JsonNode ref = reference == null ? null : new ObjectMapper().readTree(reference.toFile());
            double refTotal = ref == null ? Double.NaN : ref.path("wall_s_per_audio_minute").asDouble(Double.NaN);
            JsonNode refStages = ref == null ? null : ref.path("stage_wall_s_per_audio_minute");
            Audio music = music(seconds, 44100);
            PrintWriter out = spec.commandLine().getOut();
            double perMinute = 60.0 / seconds;
            double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            out.printf(Locale.ROOT, "%n%d s of 44.1 kHz music, %d timed runs after %d warm-ups, %d cores, load average %.1f at start%n",
                    seconds, runs, warmups, Runtime.getRuntime().availableProcessors(), load);
            out.println("(other processes on the machine slow every run down; the min is the least disturbed)");

            // fact35 stage by stage
            for (int w = 0; w < warmups; w++) {
                FactFeatures.compute(music, 60, 100, null);
            }
            Map<String, List<Double>> stages = new java.util.LinkedHashMap<>();
            List<Double> totals = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                Map<String, Double> m = new java.util.LinkedHashMap<>();
                long t0 = System.nanoTime();
                FactFeatures.compute(music, 60, 100, m);
                totals.add((System.nanoTime() - t0) / 1e9 * perMinute);
                m.forEach((k, v) -> stages.computeIfAbsent(k, x -> new ArrayList<>()).add(v * perMinute));
            }
            double totalMin = min(totals), totalMed = median(totals);
            double medSum = 0;
            for (String st : FactFeatures.STAGES) {
                medSum += median(stages.getOrDefault(st, List.of(0.0)));
            }
            out.printf("%nfact35, stage by stage (s per audio minute)%n%n| stage | min | median | share of the median |%n|---|---:|---:|---:|%n");
            for (String st : FactFeatures.STAGES) {
                List<Double> v = stages.getOrDefault(st, List.of(0.0));
                out.printf(Locale.ROOT, "| %s | %.4f | %.4f | %.1f %% |%n", st, min(v), median(v), 100 * median(v) / medSum);
            }
            out.printf(Locale.ROOT, "| **total** | **%.4f** | **%.4f** | 100 %% |%n", totalMin, totalMed);
            out.flush();
            if (ref != null) {
                out.printf("%nAgainst the reference pipeline's stages (mint + librosa 0.8.1 + resampy 0.2.2, %s)%n%n"
                        + "| reference stage | reference | fact35 stages | fact35 median | speed-up |%n|---|---:|---|---:|---:|%n", reference.getFileName());
                for (String[] g : GROUPS) {
                    double theirs = 0;
                    for (String part : g[0].split(" \\+ ")) {
                        theirs += refStages.path(part).asDouble(0);
                    }
                    double ours = 0;
                    for (int i = 1; i < g.length; i++) {
                        ours += median(stages.getOrDefault(g[i], List.of(0.0)));
                    }
                    out.printf(Locale.ROOT, "| %s | %.4f | %s | %.4f | %s |%n", g[0], theirs, String.join(", ", java.util.Arrays.copyOfRange(g, 1, g.length)),
                            ours, ours > 0 ? String.format(Locale.ROOT, "%.1f×", theirs / ours) : "–");
                }
                out.printf(Locale.ROOT, "| **total** | **%.3f** | all | **%.4f** (min %.4f) | **%.1f×** (min: %.1f×) |%n", refTotal, totalMed, totalMin,
                        refTotal / totalMed, refTotal / totalMin);
                double best = refTotal / totalMin, typical = refTotal / totalMed;
                out.println("(the reference was timed on an idle machine; under load, time it again beside this run for a like-for-like ratio)");
                out.printf(Locale.ROOT, "%nSpeed-up over the reference: %.1f× at the median, %.1f× at the min: %s%n", typical, best,
                        typical >= 20 ? "at least 20× (the aim) and 10×" : typical >= 10 ? "at least 10×, short of the 20× aim"
                                : best >= 10 ? "10× only in the least disturbed run" : "below 10×");
            }

            // every encoder
            out.printf("%n| encoder | fps | s per audio minute (min) | median | reference (mint + librosa 0.8.1) | speed-up (median) |%n"
                    + "|---|---:|---:|---:|---:|---:|%n");
            for (AudioEncoder e : services.registry().services(AudioEncoder.class)) {
                Map<String, String> opts = Map.of(AudioEncoder.OPTION_MUSIC_ID, "mBR2");
                for (int w = 0; w < Math.max(1, warmups / 3); w++) { // the shared stages are already compiled by now
                    e.encode(music, e.defaultFps(), -1, opts);
                }
                List<Double> times = new ArrayList<>();
                for (int r = 0; r < runs; r++) {
                    long t0 = System.nanoTime();
                    e.encode(music, e.defaultFps(), -1, opts);
                    times.add((System.nanoTime() - t0) / 1e9 * perMinute);
                }
                boolean comparable = e.id().equals("fact35") && !Double.isNaN(refTotal);
                out.printf(Locale.ROOT, "| %s | %s | %.3f | %.3f | %s | %s |%n", e.id(), e.defaultFps(), min(times), median(times),
                        comparable ? String.format(Locale.ROOT, "%.2f", refTotal) : "–",
                        comparable ? String.format(Locale.ROOT, "%.1f×", refTotal / median(times)) : "–");
                out.flush();
            }
            return 0;
        }

        private static double min(List<Double> v) {
            return v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
        }

        private static double median(List<Double> v) {
            double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            return s.length == 0 ? Double.NaN : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        }

        /** A deterministic test track: kick and hat at 100 BPM over two chords and a melody. */
        static Audio music(int seconds, int rate) {
            int n = seconds * rate;
            float[] y = new float[n];
            java.util.SplittableRandom r = new java.util.SplittableRandom(7);
            double period = 0.6;
            for (int i = 0; i < n; i++) {
                double t = (double) i / rate;
                double beat = t % period;
                double v = 0.6 * Math.exp(-beat / 0.05) * Math.sin(2 * Math.PI * 60 * beat);
                double off = (t + period / 2) % period;
                v += 0.1 * Math.exp(-off / 0.01) * (r.nextDouble() * 2 - 1);
                double f0 = (int) (t / 2.4) % 2 == 0 ? 220 : 196;
                v += 0.1 * (Math.sin(2 * Math.PI * f0 * t) + Math.sin(2 * Math.PI * f0 * 1.25 * t) + Math.sin(2 * Math.PI * f0 * 1.5 * t));
                v += 0.08 * Math.sin(2 * Math.PI * 440 * Math.pow(2, ((int) (t / 0.3) % 5) / 12.0) * t);
                y[i] = (float) Math.max(-1, Math.min(1, v));
            }
            return new Audio(new float[][] {y}, rate);
        }
    }
}
