package org.choreolab.ui.internal.watch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.choreolab.api.ProgressMonitor;
import org.choreolab.api.data.Dataset;
import org.choreolab.api.data.Sequence;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.core.ComponentRegistry;
import org.choreolab.core.Datasets;
import org.choreolab.core.GenerationException;
import org.choreolab.core.GenerationOptions;
import org.choreolab.core.GenerationService;
import org.choreolab.metrics.BeatAlign;
import org.choreolab.metrics.Joints;
import org.choreolab.visual.skeleton.SkeletonPainter;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

/**
 * Prepares a {@link Scene} in a job: reads the ground truth (cut to the length asked), its music beats
 * and motion beats, then generates each generator's clip through the one generation service, passing
 * on its frame progress, then reads each output folder's clip ({@link OutputClips}). A failing generator
 * or a missing file is reported and the others are still shown; cancelling
 * stops the generator being run.
 */
final class ClipLoader extends Job {

    private final ComponentRegistry registry;
    private final GenerationService generation;
    private final WatchRequest request;
    private final Consumer<Scene> done;
    private final Consumer<String> failed;
    private final Consumer<String> progress;

    ClipLoader(ComponentRegistry registry, GenerationService generation, WatchRequest request, Consumer<Scene> done, Consumer<String> failed,
            Consumer<String> progress) {
        super("Watch: " + request.sequence());
        this.registry = registry;
        this.generation = generation;
        this.request = request;
        this.done = done;
        this.failed = failed;
        this.progress = progress;
        setUser(true);
    }

    @Override
    protected IStatus run(IProgressMonitor m) {
        String seq = request.sequence();
        m.beginTask("Preparing " + seq, 1 + request.generators().size() + request.outputs().size());
        List<SkeletonPainter.Panel> made = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        try (Dataset d = Datasets.open(registry, request.dataset(), false)) {
            Sequence s = d.sequence(seq).orElseThrow(() -> new IOException(seq + " is not in " + d.name()));
            progress.accept("Reading " + seq + "…");
            MotionClip whole = d.motion(s);
            MotionClip truth = request.seconds() >= whole.durationSeconds() ? whole
                    : whole.slice(0, (int) Math.round(request.seconds() * whole.fps()));
            made.add(new SkeletonPainter.Panel(truth, "Ground truth", SkeletonPainter.color(0), SkeletonPainter.cameraFor(truth)));
            int[] beats = d.musicBeats(s, truth.fps()).orElse(new int[0]);
            int[] motionBeats = motionBeats(truth, beats);
            Path wav = d.music(s).orElse(null);
            m.worked(1);
            int n = 0;
            for (String id : request.generators()) {
                if (m.isCanceled()) {
                    failed.accept("Cancelled.");
                    return Status.CANCEL_STATUS;
                }
                n++;
                String step = "Generating " + n + " of " + request.generators().size() + ": " + id;
                progress.accept(step + "…");
                m.subTask(id);
                try {
                    MotionGenerator g = registry.find(MotionGenerator.class, id).orElseThrow(() -> new IOException(id + " is not installed"));
                    if (generation == null) {
                        throw new IOException("the core runtime's generation service is not running");
                    }
                    MotionClip c = generation.generate(g, d, s, GenerationOptions.DEFAULT.withFrames(truth.frameCount()).withDevice(request.device()),
                            monitor(m, step));
                    made.add(new SkeletonPainter.Panel(c, g.name(), SkeletonPainter.color(made.size()), SkeletonPainter.cameraFor(truth)));
                } catch (GenerationException e) {
                    if (e.canceled() || m.isCanceled()) {
                        failed.accept("Cancelled.");
                        return Status.CANCEL_STATUS;
                    }
                    errors.add(id + ": " + e.reason());
                } catch (Exception | LinkageError e) {
                    // One failing generator is reported; the others are still shown.
                    errors.add(id + ": " + e.getMessage());
                }
                m.worked(1);
            }
            var ids = d.split(s.split()).stream().map(Sequence::id).collect(java.util.stream.Collectors.toSet());
            for (var o : request.outputs().entrySet()) {
                progress.accept("Reading " + o.getKey() + " (" + o.getValue() + ")…");
                try {
                    MotionClip c = OutputClips.read(o.getKey(), o.getValue(), seq, ids, request.seconds());
                    made.add(new SkeletonPainter.Panel(c, o.getKey(), SkeletonPainter.color(made.size()), SkeletonPainter.cameraFor(truth)));
                } catch (IOException | RuntimeException e) {
                    errors.add(e.getMessage()); // names the folder and the sequence
                }
                m.worked(1);
            }
            done.accept(new Scene(request.dataset(), seq, made, beats, motionBeats, truth.fps(), wav, errors));
        } catch (IOException | RuntimeException e) {
            failed.accept("Cannot load " + seq + ": " + e.getMessage());
        }
        return Status.OK_STATUS;
    }

    /** The generator's frame progress ("fact-pytorch: gBR_…, frames 340/1200") on the job and in the view. */
    private ProgressMonitor monitor(IProgressMonitor m, String step) {
        return new ProgressMonitor() {
            @Override
            public void begin(String task, int totalWork) {
            }

            @Override
            public void worked(int units) {
            }

            @Override
            public void subTask(String text) {
                m.subTask(text);
                progress.accept(step + " — " + text);
            }

            @Override
            public boolean isCanceled() {
                return m.isCanceled();
            }
        };
    }

    /** The ground truth's motion beats as FACT's protocol finds them; none for clips it cannot read (not SMPL). */
    private static int[] motionBeats(MotionClip truth, int[] beats) {
        try {
            return BeatAlign.fact(Joints.of(truth), beats).motionBeats();
        } catch (RuntimeException e) {
            return new int[0];
        }
    }
}
