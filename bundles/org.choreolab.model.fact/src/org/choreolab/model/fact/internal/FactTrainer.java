package org.choreolab.model.fact.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.choreolab.api.ProgressMonitor;
import org.choreolab.api.audio.AudioEncoder;
import org.choreolab.api.data.Dataset;
import org.choreolab.api.data.Sequence;
import org.choreolab.api.model.ModelBackend;
import org.choreolab.api.model.ModelTrainer;
import org.choreolab.api.model.Network;
import org.choreolab.api.model.TrainingOptions;
import org.choreolab.api.model.TrainingReport;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * {@code choreolab train fact}: FACT on a dataset's training split as mint trains it — the mean squared
 * error of the 20 predicted frames ({@code compute_motion_generation_loss}), Adam, random windows
 * ({@link FactTrainingData}), no input noise, and mint's learning-rate schedule (the rate ÷10 from step
 * 100,000 and ÷100 from step 150,000: mint's {@code manual_step_learning_rate} of
 * {@code fact_v5_deeper_t10_cm12.config}, 1e-4 → 1e-5 → 1e-6, with the default {@code --lr 1e-4}).
 *
 * <p>Deviations, each recorded in {@code fact.json}: the engine's Adam (DJL's ε = 1e-8; Keras' is
 * 1e-7); a learning-rate change takes effect from the first epoch that begins at or after its step,
 * and Adam's moment estimates start afresh there (the engine's training call keeps one rate); an
 * epoch ends with a partial batch (mint's batches run across its passes over the data).
 */
@Component(service = ModelTrainer.class, property = "choreolab.id=fact")
public final class FactTrainer implements ModelTrainer {

    /** mint's schedule: (step, factor of the initial rate). */
    static final long[][] MINT_SCHEDULE = {{100_000, 10}, {150_000, 100}};

    // Selected by its id with a target filter; optional, so that the trainer is listed (and says what is missing) without it.
    @Reference(target = "(choreolab.id=fact35)", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile AudioEncoder fact35;

    @Override
    public String id() {
        return "fact";
    }

    @Override
    public String name() {
        return "FACT trainer";
    }

    @Override
    public String description() {
        return "Trains FACT (motion, audio and cross-modal transformers) as mint does: MSE of the next 20 frames, Adam, "
                + "random windows, mint's learning-rate schedule";
    }

    @Override
    public Map<String, String> optionHelp() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("size", "small (64 wide, 1+1+2 layers; default) or published (800 wide, 2+2+12 layers)");
        m.put("hidden, heads, intermediate, motionLayers, audioLayers, crossLayers", "override one field of the size");
        m.put("sampling", "random (default, mint's: a uniformly random window each time a sequence is drawn) or stride");
        m.put("windows", "sampling=random: windows drawn per sequence per epoch (default 1, mint's one per pass)");
        m.put("stride", "sampling=stride: frames between training windows (default 8)");
        m.put("schedule", "mint (default: the rate /10 from step 100000, /100 from step 150000), constant, "
                + "or STEP:RATE,STEP:RATE,... (the rate from each step on)");
        m.put("noise", "standard deviation of Gaussian noise added to the motion input windows (default 0, as mint)");
        m.put("feedback", "the feedback the model is meant to be run with, written to fact.json: raw (default, mint's) or projected");
        m.put("split", "the split to train on (default train)");
        m.put("init", "a folder with fact.json + fact.params to start from (default: fresh parameters)");
        return m;
    }

    /** A learning rate from an epoch on. */
    public record Phase(int fromEpoch, long fromStep, float learningRate) {
    }

    /**
     * The schedule as rates per epoch: {@code spec} is mint, constant, or STEP:RATE,… (rates from those
     * steps on); a change applies from the first epoch that begins at or after its step.
     */
    public static List<Phase> phases(String spec, float initial, int epochs, long stepsPerEpoch) {
        TreeMap<Long, Float> changes = new TreeMap<>();
        String s = spec.trim();
        if (s.equals("mint")) {
            for (long[] b : MINT_SCHEDULE) {
                changes.put(b[0], initial / b[1]);
            }
        } else if (!s.equals("constant")) {
            for (String part : s.split(",")) {
                String[] kv = part.trim().split(":");
                try {
                    if (kv.length != 2) {
                        throw new NumberFormatException();
                    }
                    long step = Long.parseLong(kv[0].trim());
                    float rate = Float.parseFloat(kv[1].trim());
                    if (step <= 0 || !(rate > 0)) {
                        throw new NumberFormatException();
                    }
                    changes.put(step, rate);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("schedule: expected mint, constant or STEP:RATE,... with positive steps and rates, got '"
                            + spec + "'");
                }
            }
        }
        List<Phase> out = new ArrayList<>();
        out.add(new Phase(0, 0, initial));
        for (Map.Entry<Long, Float> e : changes.entrySet()) {
            long epoch = (e.getKey() + stepsPerEpoch - 1) / stepsPerEpoch;
            if (epoch >= epochs) {
                break;
            }
            Phase last = out.get(out.size() - 1);
            if (last.fromEpoch() == epoch) {
                out.set(out.size() - 1, new Phase((int) epoch, epoch * stepsPerEpoch, e.getValue()));
            } else {
                out.add(new Phase((int) epoch, epoch * stepsPerEpoch, e.getValue()));
            }
        }
        return out;
    }

    @Override
    public TrainingReport train(Dataset dataset, ModelBackend backend, String device, Map<String, String> options,
            TrainingOptions training, Path outDir, ProgressMonitor monitor) throws IOException {
        FactConfig c;
        FactTrainingData.Sampling sampling;
        Feedback feedback;
        int windows, stride;
        float noise;
        try {
            c = FactConfig.of(options);
            sampling = FactTrainingData.Sampling.of(options.getOrDefault("sampling", "random"));
            feedback = Feedback.of(options.getOrDefault(Feedback.KEY, "raw"));
            windows = positive(options, "windows", "1");
            stride = positive(options, "stride", "8");
            noise = Float.parseFloat(options.getOrDefault("noise", "0"));
            if (!(noise >= 0)) {
                throw new IllegalArgumentException("noise: expected 0 or a positive standard deviation, got " + options.get("noise"));
            }
            phases(options.getOrDefault("schedule", "mint"), training.learningRate(), 1, 1);
        } catch (NumberFormatException e) {
            throw new IOException("option noise: expected a number, got '" + options.get("noise") + "'", e);
        } catch (IllegalArgumentException e) {
            throw new IOException("option " + e.getMessage(), e);
        }
        String split = options.getOrDefault("split", "train");
        List<Sequence> seqs = dataset.split(split);
        if (seqs.isEmpty()) {
            throw new IOException(dataset.root() + ": split '" + split + "' has no sequences (splits: " + dataset.splits() + ")");
        }
        AudioEncoder fact35 = this.fact35;
        if (fact35 == null) {
            throw new IOException("training FACT needs the fact35 audio encoder, which is not installed");
        }
        FactTrainingData data = FactTrainingData.build(dataset, seqs, fact35, c, monitor);
        if (sampling == FactTrainingData.Sampling.STRIDE) {
            data.stride(stride);
        } else {
            data.random(windows, training.seed());
        }
        data.noise(noise, training.seed());
        if (data.size() == 0) {
            throw new IOException("no training window fits in split '" + split + "': " + data.skipped());
        }
        long stepsPerEpoch = (data.size() + training.batchSize() - 1) / training.batchSize();
        List<Phase> phases = phases(options.getOrDefault("schedule", "mint"), training.learningRate(), training.epochs(), stepsPerEpoch);
        Map<String, String> netOptions = new LinkedHashMap<>(c.toOptions());
        netOptions.put("seed", Long.toString(training.seed()));
        try (Network net = backend.network(FactModel.CODE, netOptions, device)) {
            if (options.containsKey("init")) {
                net.loadParameters(FactModel.read(Path.of(options.get("init"))).params());
            }
            OnePhaseMonitor m = new OnePhaseMonitor(monitor, training.epochs() * stepsPerEpoch);
            List<Double> losses = new ArrayList<>();
            double seconds = 0;
            boolean canceled = false;
            for (int p = 0; p < phases.size() && !canceled; p++) {
                Phase ph = phases.get(p);
                int until = p + 1 < phases.size() ? phases.get(p + 1).fromEpoch() : training.epochs();
                m.phase = phases.size() == 1 ? "" : "lr " + ph.learningRate() + ", ";
                // each phase's shuffling gets its own seed; the first is the run's seed, as before
                TrainingReport r = net.train(data, new TrainingOptions(until - ph.fromEpoch(), training.batchSize(),
                        ph.learningRate(), training.seed() + 7919L * p), m);
                losses.addAll(r.epochLoss());
                seconds += r.seconds();
                canceled = r.canceled();
            }
            TrainingReport report = new TrainingReport(losses, canceled, seconds);
            net.saveParameters(outDir.resolve(FactModel.PARAMS));
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("dataset", dataset.name() + " (" + split + " split, " + data.sequences() + " sequences)");
            info.put("options", new TreeMap<>(options));
            info.put("loss", "mean squared error of the " + c.outputFrames() + " predicted frames (mint's compute_motion_generation_loss)");
            info.put("optimizer", "Adam (" + backend.engine() + " through DJL: beta1 0.9, beta2 0.999, epsilon 1e-8)");
            info.put("sampling", sampling.id());
            if (sampling == FactTrainingData.Sampling.RANDOM) {
                info.put("windowsPerSequence", windows);
            } else {
                info.put("stride", stride);
            }
            info.put("examples", data.size());
            info.put("inputNoise", noise);
            info.put("epochs", report.epochLoss().size());
            info.put("steps", report.epochLoss().size() * stepsPerEpoch);
            info.put("batchSize", training.batchSize());
            info.put("learningRate", training.learningRate());
            List<Map<String, Object>> schedule = new ArrayList<>();
            for (Phase ph : phases) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("fromEpoch", ph.fromEpoch());
                e.put("fromStep", ph.fromStep());
                e.put("learningRate", ph.learningRate());
                schedule.add(e);
            }
            info.put("schedule", options.getOrDefault("schedule", "mint"));
            info.put("learningRates", schedule);
            info.put("seed", training.seed());
            info.put("engine", backend.engine() + " " + backend.engineVersion());
            info.put("device", net.device());
            info.put("parameters", net.parameterCount());
            info.put("epochLoss", report.epochLoss());
            info.put("seconds", Math.round(report.seconds() * 10) / 10.0);
            info.put("canceled", report.canceled());
            info.put("skipped", data.skipped());
            info.put("created", Instant.now().toString());
            FactModel.writeInfo(outDir, c, feedback, info);
            return report;
        }
    }

    private static int positive(Map<String, String> o, String key, String fallback) {
        String v = o.getOrDefault(key, fallback);
        try {
            int n = Integer.parseInt(v.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(key + ": expected a positive whole number, got '" + v + "'");
    }

    /** One progress over every phase: the first begin counts all steps, later ones are not passed on. */
    private static final class OnePhaseMonitor implements ProgressMonitor {
        private final ProgressMonitor m;
        private final long total;
        private boolean begun;
        String phase = "";

        OnePhaseMonitor(ProgressMonitor m, long total) {
            this.m = m;
            this.total = total;
        }

        @Override
        public void begin(String task, int totalWork) {
            if (!begun) {
                begun = true;
                m.begin(task, (int) Math.min(Integer.MAX_VALUE, total));
            }
        }

        @Override
        public void worked(int units) {
            m.worked(units);
        }

        @Override
        public void subTask(String text) {
            m.subTask(phase + text);
        }

        @Override
        public boolean isCanceled() {
            return m.isCanceled();
        }
    }
}
