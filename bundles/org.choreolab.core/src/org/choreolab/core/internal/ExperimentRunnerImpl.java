package org.choreolab.core.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.choreolab.api.ProgressMonitor;
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
import org.choreolab.core.MusicBeats;
import org.choreolab.core.ResultRow;
import org.choreolab.core.SequenceOutcome;
import org.choreolab.core.RunOptions;
import org.choreolab.core.Summaries;
import org.choreolab.core.ClipCheck;
import org.choreolab.core.OutputSource;
import org.choreolab.metrics.ClipChecks;
import org.choreolab.metrics.Protocol;
import org.choreolab.motion.ClipOps;
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
            Summaries.recordConventions(result, metrics);
            int rowsToRun = 1 + generators.size() * ex.repeats() + ex.outputs().size();
            monitor.begin("Evaluating " + generators.size() + " generator(s)"
                    + (ex.repeats() > 1 ? " × " + ex.repeats() + " seeds" : "")
                    + (ex.outputs().isEmpty() ? "" : " and " + ex.outputs().size() + " output folder(s)")
                    + " on " + sequences.size() + " sequence(s)"
                    + (options.sharded() ? " (shard " + result.shard() + ")" : ""), sequences.size() * rowsToRun);

            // Ground truth: the reference row, and the features FID compares against.
            ResultRow truth = new ResultRow(ResultRow.GROUND_TRUTH, "Ground truth", "none", Map.of());
            result.addRow(truth);
            // Which ground truths could be read (a generator is not run where there is nothing to compare with).
            java.util.Set<String> readable = new java.util.HashSet<>();
            double datasetFps = 0;
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
                    datasetFps = datasetFps > 0 ? datasetFps : clip.fps();
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

            int frames = framesToGenerate(ex, datasetFps, result);
            for (MotionGenerator g : generators) {
                GeneratorDescriptor d = describe(g);
                ResultRow first = null;
                for (int k = 0; k < ex.repeats(); k++) {
                    long seed = ex.seed() + k;
                    GenerationOptions generation = ex.generationOptions(d.id()).withSeed(seed).withFrames(frames);
                    String rowId = ResultRow.repeatId(d.id(), k);
                    ResultRow row = new ResultRow(rowId, k == 0 ? d.name() : d.name() + " (seed " + seed + ")", d.backend(),
                            withOverrides(d.parameters(), generation.parameters()), ResultRow.Kind.GENERATOR, k == 0 ? null : d.id(), k,
                            seed);
                    result.addRow(row);
                    if (!runGenerator(g, d, row, sequences, readable, dataset, metrics, ex, generation, options, monitor, listener)) {
                        result.markCanceled();
                        return result;
                    }
                    Summaries.summarize(row, result, metrics);
                    listener.rowDone(row);
                    if (k == 0) {
                        first = row;
                    } else if (k == 1 && Summaries.sameValues(first, row)) {
                        // The seed changed nothing: a deterministic generator; more runs would repeat these values.
                        monitor.worked(sequences.size() * (ex.repeats() - 2));
                        break;
                    }
                }
            }
            for (Map.Entry<String, String> e : ex.outputs().entrySet()) {
                ResultRow row = new ResultRow(e.getKey(), e.getKey(), "folder", Map.of("dir", e.getValue()), ResultRow.Kind.OUTPUT, null, 0,
                        0);
                result.addRow(row);
                if (!scoreOutputs(row, e.getValue(), sequences, readable, dataset, metrics, ex, options, result, monitor, listener)) {
                    result.markCanceled();
                    return result;
                }
                Summaries.summarize(row, result, metrics);
                listener.rowDone(row);
            }
            Summaries.finish(result, metrics);
            return result;
        }
    }

    /**
     * One run of a generator over the sequences, in sequence order: outcomes already known (resumed) or
     * impossible (no ground truth) are put in place, the others generated in runs handed to the generation
     * service. False when cancelled.
     */
    private boolean runGenerator(MotionGenerator g, GeneratorDescriptor d, ResultRow row, List<Sequence> sequences,
            java.util.Set<String> readable, Dataset dataset, List<Metric> metrics, Experiment ex, GenerationOptions generation,
            RunOptions options, ProgressMonitor monitor, ExperimentListener listener) {
        List<Sequence> pending = new ArrayList<>();
        for (Sequence s : sequences) {
            SequenceOutcome known = options.completed().get(RunOptions.key(row.id(), s.id()));
            if (known == null && readable.contains(s.id())) {
                pending.add(s);
                continue;
            }
            if (!generateAndScore(g, row, pending, dataset, metrics, ex, generation, monitor, listener)) {
                return false;
            }
            pending.clear();
            SequenceOutcome o = known != null ? known.withGenerator(row.id())
                    : new SequenceOutcome(row.id(), s.id(), Map.of(), "ground truth unreadable, sequence skipped", Map.of());
            row.putSequence(o);
            if (known == null) {
                listener.sequenceDone(row, o);
            }
            monitor.worked(1);
        }
        if (!generateAndScore(g, row, pending, dataset, metrics, ex, generation, monitor, listener)) {
            return false;
        }
        if (!row.sequences().isEmpty() && row.sequences().values().stream().allMatch(SequenceOutcome::failed)) {
            row.setError("failed on every sequence; first error: " + row.sequences().values().iterator().next().error());
        }
        return true;
    }

    /**
     * The clips of a folder of motion generated elsewhere, matched to the sequences by name and scored as a
     * generator's are. A sequence without a file is a failed outcome ("missing"), counted and listed; failed
     * outcomes of an earlier run are looked at again (the file may have been added since).
     */
    private boolean scoreOutputs(ResultRow row, String dir, List<Sequence> sequences, java.util.Set<String> readable,
            Dataset dataset, List<Metric> metrics, Experiment ex, RunOptions options, ExperimentResult result, ProgressMonitor monitor,
            ExperimentListener listener) {
        OutputFolders.Folder folder;
        try {
            folder = OutputFolders.open(java.nio.file.Path.of(dir), new java.util.HashSet<>(result.splitSequenceIds()));
        } catch (IOException | RuntimeException e) {
            row.setError(dir + ": " + message(e));
            result.putOutput(new OutputSource(row.id(), dir, "unreadable: " + message(e),
                    sequences.stream().map(Sequence::id).toList(), List.of(), List.of()));
            monitor.worked(sequences.size());
            return !monitor.isCanceled();
        }
        List<String> missing = new ArrayList<>();
        for (Sequence s : sequences) {
            if (monitor.isCanceled()) {
                return false;
            }
            SequenceOutcome known = options.completed().get(RunOptions.key(row.id(), s.id()));
            SequenceOutcome o;
            if (known != null && !known.failed()) {
                row.putSequence(known.withGenerator(row.id()));
                monitor.worked(1);
                continue;
            }
            if (!folder.has(s.id())) {
                missing.add(s.id());
                o = new SequenceOutcome(row.id(), s.id(), Map.of(), "missing: no file for this sequence in " + dir, Map.of());
            } else if (!readable.contains(s.id())) {
                o = new SequenceOutcome(row.id(), s.id(), Map.of(), "ground truth unreadable, sequence skipped", Map.of());
            } else {
                monitor.subTask(row.id() + ": " + s.id());
                try {
                    MotionClip clip = folder.read(s.id());
                    double fps = dataset.motion(s).fps();
                    if (Math.abs(clip.fps() - fps) > 1e-9) {
                        clip = ClipOps.resample(clip, fps);
                    }
                    o = score(row.id(), s, clip, dataset, metrics, ex.protocol());
                } catch (IOException | RuntimeException e) {
                    o = new SequenceOutcome(row.id(), s.id(), Map.of(), message(e), Map.of());
                }
            }
            row.putSequence(o);
            listener.sequenceDone(row, o);
            monitor.worked(1);
        }
        List<String> ids = sequences.stream().map(Sequence::id).toList();
        result.putOutput(new OutputSource(row.id(), dir, folder.description(), missing,
                folder.names().stream().filter(n -> !result.splitSequenceIds().contains(n)).toList(), folder.problems()));
        if (row.sequences().values().stream().allMatch(SequenceOutcome::failed) && !ids.isEmpty()) {
            row.setError(missing.size() == ids.size() ? "no file in " + dir + " names a sequence of the split"
                    : "failed on every sequence; first error: " + row.sequences().values().iterator().next().error());
        }
        return !monitor.isCanceled();
    }

    /**
     * Frames each generator is asked for: the experiment's, except under a protocol that scores a
     * generator's own continuation of a seed (fact: the 120 seed frames and 1,200 generated ones, as mint's
     * evaluator writes them), which needs at least that many whatever the ground truth's length.
     */
    private static int framesToGenerate(Experiment ex, double datasetFps, ExperimentResult result) {
        Protocol p;
        try {
            p = Protocol.named(ex.protocol());
        } catch (IllegalArgumentException e) {
            return ex.frames();
        }
        if (p.seedFrames() <= 0 || p.generatedEnd() <= 0 || datasetFps <= 0) {
            return ex.frames();
        }
        int needed = (int) Math.round(p.generatedEnd() * datasetFps / 60);
        if (ex.frames() > 0 && ex.frames() < needed) {
            result.addProblem("frames " + ex.frames() + " raised to " + needed + ": protocol " + p.name() + " scores generated frames "
                    + p.generatedStart() + " to " + p.generatedEnd() + " (the seed and 1,200 generated frames, as mint's evaluator)");
        }
        return Math.max(ex.frames(), needed);
    }

    /**
     * Generates {@code pending} through the generation service and scores each clip as it arrives.
     * Returns false when the run was cancelled (the sequence being generated then is not recorded, so a
     * resumed run does it again).
     */
    private boolean generateAndScore(MotionGenerator g, ResultRow row, List<Sequence> pending, Dataset dataset,
            List<Metric> metrics, Experiment ex, GenerationOptions generation, ProgressMonitor monitor, ExperimentListener listener) {
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
                o = new SequenceOutcome(row.id(), done.sequence().id(), Map.of(), done.error().reason(), Map.of());
            } else {
                monitor.subTask(row.id() + ": " + done.sequence().id() + ", scoring");
                o = score(row.id(), done.sequence(), done.clip(), dataset, metrics, ex.protocol());
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
                    beats = MusicBeats.of(registry, generationService, dataset, s, clip.fps()).orElse(null);
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
        return new SequenceOutcome(generatorId, s.id(), values, null, errors, checks(clip));
    }

    /** The clip checks' findings (drift, floor, bones, NaN), each with its first bad frame; the clip is scored all the same. */
    static List<ClipCheck> checks(MotionClip clip) {
        try {
            return ClipChecks.check(clip).stream()
                    .map(i -> new ClipCheck(i.kind().code, i.firstFrame(), i.frames(), i.message())).toList();
        } catch (RuntimeException e) {
            return List.of(new ClipCheck("unchecked", 0, 0, "the clip checks could not run: " + message(e)));
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
