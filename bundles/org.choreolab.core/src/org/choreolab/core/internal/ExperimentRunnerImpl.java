package org.choreolab.core.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.choreolab.api.ProgressMonitor;
import org.choreolab.api.audio.AudioFeatures;
import org.choreolab.api.data.Dataset;
import org.choreolab.api.data.Sequence;
import org.choreolab.api.metric.Metric;
import org.choreolab.api.metric.MetricInput;
import org.choreolab.api.metric.SequenceValues;
import org.choreolab.api.model.GeneratorDescriptor;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.core.ComponentRegistry;
import org.choreolab.core.Datasets;
import org.choreolab.core.Experiment;
import org.choreolab.core.ExperimentListener;
import org.choreolab.core.ExperimentResult;
import org.choreolab.core.ExperimentRunner;
import org.choreolab.core.GenerationOptions;
import org.choreolab.core.GenerationService;
import org.choreolab.core.ResultRow;
import org.choreolab.core.SequenceOutcome;
import org.choreolab.core.RunOptions;
import org.choreolab.core.Summaries;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Runs an experiment sequence by sequence. The ground truth is scored first (FID needs its
 * features), then each generator; every outcome is handed to the listener as soon as it exists.
 */
@Component(service = ExperimentRunner.class)
public final class ExperimentRunnerImpl implements ExperimentRunner {

    /** The encoder music beats come from when a dataset lists none (its features: onset envelope, beat one-hot). */
    static final String BEATS_ENCODER = "beats";

    @Reference
    private ComponentRegistry registry;

    @Reference
    private GenerationService generationService;

    public ExperimentRunnerImpl() {
    }

    /** For tests and plain-Java use. */
    public ExperimentRunnerImpl(ComponentRegistry registry, GenerationService generationService) {
        this.registry = registry;
        this.generationService = generationService;
    }

    @Override
    public ExperimentResult run(Experiment ex, RunOptions options, ProgressMonitor monitor, ExperimentListener listener)
            throws IOException {
        try (Dataset dataset = Datasets.open(registry, ex.dataset(), false)) {
            List<Sequence> split = ex.split().isEmpty() ? dataset.sequences() : dataset.split(ex.split());
            if (split.isEmpty()) {
                throw new IOException("dataset " + dataset.name() + ": split '" + ex.split()
                        + "' has no sequences (splits present: " + dataset.splits() + ")");
            }
            List<Sequence> sequences = new ArrayList<>();
            for (int i = 0; i < split.size(); i++) {
                if (options.inShard(i)) {
                    sequences.add(split.get(i));
                }
            }
            List<MotionGenerator> generators = select(MotionGenerator.class, ex.generators(), "generator");
            List<Metric> metrics = select(Metric.class, ex.metrics(), "metric");

            ExperimentResult result = new ExperimentResult(ex, dataset.name(),
                    sequences.stream().map(Sequence::id).toList(), metrics.stream().map(Metric::id).toList());
            result.setSplitSequenceIds(split.stream().map(Sequence::id).toList());
            split.forEach(q -> result.putGenre(q.id(), q.meta("genre")));
            if (options.sharded()) {
                result.setShard(options.shardIndex() + "/" + options.shardCount());
            }
            dataset.problems().forEach(p -> result.addProblem(p.toString()));
            if (!ex.encoder().isEmpty()) {
                result.addProblem("experiment field 'encoder' (" + ex.encoder() + ") is not used: each generator receives the"
                        + " music features it declares");
            }
            monitor.begin("Evaluating " + generators.size() + " generator(s) on " + sequences.size() + " sequence(s)"
                    + (options.sharded() ? " (shard " + result.shard() + ")" : ""), sequences.size() * (generators.size() + 1));

            // Ground truth: the reference row, and the features FID compares against.
            ResultRow truth = new ResultRow(ResultRow.GROUND_TRUTH, "Ground truth", "none", Map.of());
            result.addRow(truth);
            // Which ground truths could be read (a generator is not run where there is nothing to compare with).
            java.util.Set<String> readable = new java.util.HashSet<>();
            for (Sequence s : sequences) {
                if (monitor.isCanceled()) {
                    result.markCanceled();
                    return result;
                }
                monitor.subTask("ground truth: " + s.id());
                SequenceOutcome known = options.completed().get(RunOptions.key(ResultRow.GROUND_TRUTH, s.id()));
                SequenceOutcome o = known;
                try {
                    MotionClip clip = dataset.motion(s);
                    readable.add(s.id());
                    if (o == null) {
                        o = score(ResultRow.GROUND_TRUTH, s, clip, dataset, metrics, ex.protocol());
                    }
                } catch (IOException | RuntimeException e) {
                    o = o != null ? o : new SequenceOutcome(ResultRow.GROUND_TRUTH, s.id(), Map.of(), message(e), Map.of());
                    result.addProblem(s.id() + ": " + message(e));
                }
                truth.putSequence(o);
                if (known == null) {
                    listener.sequenceDone(truth, o);
                }
                monitor.worked(1);
            }
            // Protocols such as Bailando's compare against the whole dataset: score the other sequences too.
            List<String> splitIds = result.splitSequenceIds();
            List<Metric> poolMetrics = metrics.stream().filter(m -> m.groundTruthIsWholeDataset(ex.protocol())).toList();
            List<String> poolIds = new ArrayList<>();
            for (Sequence s : dataset.sequences()) {
                if (poolMetrics.isEmpty() || monitor.isCanceled()) {
                    break;
                }
                // In a shard, the split's other sequences belong to other shards' rows, not to the pool.
                if (splitIds.contains(s.id())) {
                    continue;
                }
                poolIds.add(s.id());
                SequenceOutcome known = options.completed().get(RunOptions.key(ResultRow.POOL, s.id()));
                if (known != null) {
                    result.addPool(known);
                    continue;
                }
                monitor.subTask("ground-truth pool: " + s.id());
                try {
                    SequenceOutcome o = score(ResultRow.POOL, s, dataset.motion(s), dataset, poolMetrics, ex.protocol(), true);
                    result.addPool(o);
                    listener.poolSequenceDone(o);
                } catch (IOException | RuntimeException e) {
                    result.addProblem(s.id() + " (ground-truth pool): " + message(e));
                }
            }
            result.setPoolSequenceIds(poolIds);
            Summaries.summarize(truth, result, metrics);
            listener.rowDone(truth);

            for (MotionGenerator g : generators) {
                GeneratorDescriptor d = describe(g);
                GenerationOptions generation = ex.generationOptions(d.id());
                ResultRow row = new ResultRow(d.id(), d.name(), d.backend(), withOverrides(d.parameters(), generation.parameters()));
                result.addRow(row);
                // In sequence order: outcomes already known (resumed) or impossible (no ground truth) are
                // put in place, the others are generated in runs handed to the generation service.
                List<Sequence> pending = new ArrayList<>();
                for (Sequence s : sequences) {
                    SequenceOutcome known = options.completed().get(RunOptions.key(d.id(), s.id()));
                    if (known == null && readable.contains(s.id())) {
                        pending.add(s);
                        continue;
                    }
                    if (!generateAndScore(g, d, pending, dataset, metrics, ex, generation, row, monitor, listener)) {
                        result.markCanceled();
                        return result;
                    }
                    pending.clear();
                    SequenceOutcome o = known != null ? known
                            : new SequenceOutcome(d.id(), s.id(), Map.of(), "ground truth unreadable, sequence skipped", Map.of());
                    row.putSequence(o);
                    if (known == null) {
                        listener.sequenceDone(row, o);
                    }
                    monitor.worked(1);
                }
                if (!generateAndScore(g, d, pending, dataset, metrics, ex, generation, row, monitor, listener)) {
                    result.markCanceled();
                    return result;
                }
                if (row.sequences().values().stream().allMatch(SequenceOutcome::failed)) {
                    row.setError("failed on every sequence; first error: "
                            + row.sequences().values().iterator().next().error());
                }
                Summaries.summarize(row, result, metrics);
                listener.rowDone(row);
            }
            return result;
        }
    }

    /**
     * Generates {@code pending} through the generation service and scores each clip as it arrives.
     * Returns false when the run was cancelled (the sequence being generated then is not recorded, so a
     * resumed run does it again).
     */
    private boolean generateAndScore(MotionGenerator g, GeneratorDescriptor d, List<Sequence> pending, Dataset dataset,
            List<Metric> metrics, Experiment ex, GenerationOptions generation, ResultRow row, ProgressMonitor monitor,
            ExperimentListener listener) {
        if (pending.isEmpty()) {
            return !monitor.isCanceled();
        }
        if (monitor.isCanceled()) {
            return false;
        }
        generationService.generateAll(g, dataset, List.copyOf(pending), generation, monitor, done -> {
            SequenceOutcome o;
            if (done.failed()) {
                // The row and the sequence name the generator and the sequence already.
                o = new SequenceOutcome(d.id(), done.sequence().id(), Map.of(), done.error().reason(), Map.of());
            } else {
                monitor.subTask(d.id() + ": " + done.sequence().id() + ", scoring");
                o = score(d.id(), done.sequence(), done.clip(), dataset, metrics, ex.protocol());
            }
            row.putSequence(o);
            listener.sequenceDone(row, o);
            monitor.worked(1);
        });
        return !monitor.isCanceled();
    }

    private static Map<String, String> withOverrides(Map<String, String> declared, Map<String, String> overrides) {
        if (overrides.isEmpty()) {
            return declared;
        }
        Map<String, String> m = new LinkedHashMap<>(declared);
        m.putAll(overrides);
        return m;
    }

    private SequenceOutcome score(String generatorId, Sequence s, MotionClip clip, Dataset dataset,
            List<Metric> metrics, String protocol) {
        return score(generatorId, s, clip, dataset, metrics, protocol, ResultRow.GROUND_TRUTH.equals(generatorId));
    }

    private SequenceOutcome score(String generatorId, Sequence s, MotionClip clip, Dataset dataset,
            List<Metric> metrics, String protocol, boolean groundTruth) {
        Map<String, SequenceValues> values = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        int[] beats = null;
        boolean beatsLooked = false;
        for (Metric m : metrics) {
            try {
                if (m.needsMusicBeats() && !beatsLooked) {
                    beats = dataset.musicBeats(s, clip.fps()).orElseGet(() -> beatsFromMusic(dataset, s, clip.fps()));
                    beatsLooked = true;
                }
                if (m.needsMusicBeats() && beats == null) {
                    errors.put(m.id(), "no music beats known for " + s.id());
                    continue;
                }
                values.put(m.id(), m.sequence(new MetricInput(s.id(), clip, beats, protocol, groundTruth)));
            } catch (RuntimeException e) {
                errors.put(m.id(), message(e));
            }
        }
        return new SequenceOutcome(generatorId, s.id(), values, null, errors);
    }

    /**
     * Music beats from the music file through the 'beats' encoder, when the dataset does not list them.
     * The features come from the generation service's shared cache (keyed by the music file), so a track
     * is encoded once however many sequences, generators and runs use it.
     */
    private int[] beatsFromMusic(Dataset dataset, Sequence s, double fps) {
        if (dataset.music(s).isEmpty()) {
            return null;
        }
        try {
            AudioFeatures f = generationService.music(dataset, s, BEATS_ENCODER, fps);
            int dim = f.dimensionNames().indexOf("beat");
            dim = dim >= 0 ? dim : 1;
            List<Integer> b = new ArrayList<>();
            for (int t = 0; t < f.frameCount(); t++) {
                if (f.value(t, dim) > 0.5f) {
                    b.add(t);
                }
            }
            return b.stream().mapToInt(Integer::intValue).toArray();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static GeneratorDescriptor describe(MotionGenerator g) {
        try {
            return g.descriptor();
        } catch (RuntimeException e) {
            String id = g.getClass().getName();
            return new GeneratorDescriptor(id, id, "unknown", Map.of("error", message(e)), false);
        }
    }

    private <T extends org.choreolab.api.Component> List<T> select(Class<T> type, List<String> ids, String what) throws IOException {
        if (ids.isEmpty()) {
            return registry.services(type);
        }
        List<T> out = new ArrayList<>();
        for (String id : ids) {
            out.add(registry.find(type, id).orElseThrow(() -> new IOException("unknown " + what + " '" + id
                    + "' (installed: " + registry.services(type).stream().map(org.choreolab.api.Component::id).toList() + ")")));
        }
        return out;
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
