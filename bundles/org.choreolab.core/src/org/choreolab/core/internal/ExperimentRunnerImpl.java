package org.choreolab.core.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.choreolab.api.ProgressMonitor;
import org.choreolab.api.audio.AudioEncoder;
import org.choreolab.api.audio.AudioFeatures;
import org.choreolab.api.data.Dataset;
import org.choreolab.api.data.Sequence;
import org.choreolab.api.metric.Metric;
import org.choreolab.api.metric.MetricInput;
import org.choreolab.api.metric.SequenceValues;
import org.choreolab.api.model.GenerationRequest;
import org.choreolab.api.model.GeneratorDescriptor;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.core.ComponentRegistry;
import org.choreolab.core.Datasets;
import org.choreolab.core.Experiment;
import org.choreolab.core.ExperimentListener;
import org.choreolab.core.ExperimentResult;
import org.choreolab.core.ExperimentRunner;
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

    @Reference
    private ComponentRegistry registry;

    /** Set per run: the 'beats' encoder, used when a dataset lists no music beats; its beats are cached per dataset and music. */
    private volatile AudioEncoder beatEncoder;
    private final Map<String, int[]> beatCache = new java.util.concurrent.ConcurrentHashMap<>();

    public ExperimentRunnerImpl() {
    }

    /** For tests and plain-Java use. */
    public ExperimentRunnerImpl(ComponentRegistry registry) {
        this.registry = registry;
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
            AudioEncoder encoder = ex.encoder().isEmpty() ? null
                    : select(AudioEncoder.class, List.of(ex.encoder()), "audio encoder").get(0);
            beatEncoder = registry.find(AudioEncoder.class, "beats").orElse(null);

            ExperimentResult result = new ExperimentResult(ex, dataset.name(),
                    sequences.stream().map(Sequence::id).toList(), metrics.stream().map(Metric::id).toList());
            result.setSplitSequenceIds(split.stream().map(Sequence::id).toList());
            split.forEach(q -> result.putGenre(q.id(), q.meta("genre")));
            if (options.sharded()) {
                result.setShard(options.shardIndex() + "/" + options.shardCount());
            }
            dataset.problems().forEach(p -> result.addProblem(p.toString()));
            monitor.begin("Evaluating " + generators.size() + " generator(s) on " + sequences.size() + " sequence(s)"
                    + (options.sharded() ? " (shard " + result.shard() + ")" : ""), sequences.size() * (generators.size() + 1));

            // Ground truth: the reference row, and the features FID compares against.
            ResultRow truth = new ResultRow(ResultRow.GROUND_TRUTH, "Ground truth", "none", Map.of());
            result.addRow(truth);
            Map<String, MotionClip> truthClips = new LinkedHashMap<>();
            for (Sequence s : sequences) {
                if (monitor.isCanceled()) {
                    result.markCanceled();
                    return result;
                }
                monitor.subTask("ground truth: " + s.id());
                SequenceOutcome known = options.completed().get(RunOptions.key(ResultRow.GROUND_TRUTH, s.id()));
                SequenceOutcome o = known;
                try {
                    truthClips.put(s.id(), dataset.motion(s));
                    if (o == null) {
                        o = score(ResultRow.GROUND_TRUTH, s, truthClips.get(s.id()), dataset, metrics, ex.protocol());
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
                ResultRow row = new ResultRow(d.id(), d.name(), d.backend(), d.parameters());
                result.addRow(row);
                for (Sequence s : sequences) {
                    if (monitor.isCanceled()) {
                        result.markCanceled();
                        return result;
                    }
                    monitor.subTask(d.id() + ": " + s.id());
                    SequenceOutcome known = options.completed().get(RunOptions.key(d.id(), s.id()));
                    SequenceOutcome o = known != null ? known
                            : generateAndScore(g, d, s, dataset, truthClips.get(s.id()), encoder, metrics, ex);
                    row.putSequence(o);
                    if (known == null) {
                        listener.sequenceDone(row, o);
                    }
                    monitor.worked(1);
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

    private SequenceOutcome generateAndScore(MotionGenerator g, GeneratorDescriptor d, Sequence s, Dataset dataset,
            MotionClip truth, AudioEncoder encoder, List<Metric> metrics, Experiment ex) {
        try {
            if (truth == null) {
                return new SequenceOutcome(d.id(), s.id(), Map.of(), "ground truth unreadable, sequence skipped", Map.of());
            }
            int frames = ex.frames() > 0 ? ex.frames() : truth.frameCount();
            MotionClip seed = GenerationRequest.seedFor(d, truth);
            AudioFeatures music = null;
            if (encoder != null) {
                Path wav = dataset.music(s).orElseThrow(() -> new IOException("no music file for " + s.id()));
                music = encoder.encode(wav, truth.fps(), frames, Map.of(AudioEncoder.OPTION_MUSIC_ID, s.musicId()));
            }
            GenerationRequest req = new GenerationRequest(dataset, s, music, seed, frames, truth.fps(), ex.seed(), ex.device());
            MotionClip clip = generateWithin(g, req, ex.timeoutSeconds());
            if (clip == null) {
                throw new IOException("generator returned no motion");
            }
            if (!clip.hasPositions()) {
                throw new IOException("generator returned motion without joint positions");
            }
            return score(d.id(), s, clip, dataset, metrics, ex.protocol());
        } catch (Exception | LinkageError | StackOverflowError e) {
            // A generator from a third-party bundle may fail in any way; keep going with the others.
            return new SequenceOutcome(d.id(), s.id(), Map.of(), message(e), Map.of());
        }
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
     * Runs a generator on a worker thread and gives up after {@code seconds}: a third-party generator
     * that hangs is marked failed for that sequence and the run goes on. The worker is interrupted and
     * abandoned (a daemon thread), since a stuck native call cannot be stopped from Java.
     */
    private static MotionClip generateWithin(MotionGenerator g, GenerationRequest req, int seconds) throws Exception {
        java.util.concurrent.atomic.AtomicBoolean cancel = new java.util.concurrent.atomic.AtomicBoolean();
        ProgressMonitor monitor = new ProgressMonitor() {
            @Override public void begin(String task, int totalWork) { }
            @Override public void worked(int units) { }
            @Override public boolean isCanceled() { return cancel.get(); }
        };
        java.util.concurrent.FutureTask<MotionClip> task = new java.util.concurrent.FutureTask<>(() -> g.generate(req, monitor));
        Thread worker = new Thread(task, "choreolab-generator-" + g.id());
        worker.setDaemon(true);
        worker.start();
        try {
            return task.get(seconds, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            cancel.set(true);
            task.cancel(true);
            throw new IOException("timed out after " + seconds + " s");
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof Exception ex) {
                throw ex;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Music beats from the music file through the 'beats' encoder, when the dataset does not list them. */
    private int[] beatsFromMusic(Dataset dataset, Sequence s, double fps) {
        if (beatEncoder == null || dataset.music(s).isEmpty()) {
            return null;
        }
        // Keyed by dataset too: the runner is shared, and two datasets may use the same music ids.
        String key = dataset.root() + "|" + s.musicId() + "@" + fps;
        return beatCache.computeIfAbsent(key, k -> {
            try {
                AudioFeatures f = beatEncoder.encode(dataset.music(s).get(), fps, -1, Map.of(AudioEncoder.OPTION_MUSIC_ID, s.musicId()));
                List<Integer> b = new ArrayList<>();
                for (int t = 0; t < f.frameCount(); t++) {
                    if (f.value(t, 1) > 0.5f) {
                        b.add(t);
                    }
                }
                return b.stream().mapToInt(Integer::intValue).toArray();
            } catch (IOException | RuntimeException e) {
                return null;
            }
        });
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
