package org.choreolab.core;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

import org.choreolab.api.ProgressMonitor;
import org.choreolab.api.audio.AudioFeatures;
import org.choreolab.api.data.Dataset;
import org.choreolab.api.data.Sequence;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.api.motion.MotionClip;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The one way to run a generator on a sequence, shared by the experiment runner, {@code generate},
 * {@code render} and the workbench's Watch view. Registered as an OSGi service by the core bundle.
 *
 * <p>From the generator's {@link org.choreolab.api.model.GeneratorNeeds} it prepares each request:
 * the seed (the ground truth's first frames at the generator's rate), the music features (encoded
 * once per track through one bounded cache shared by every caller), the generator's frame rate
 * (resampling between it and the dataset's). It runs the generator on a worker thread with the
 * time-out, forwards cancellation and the generator's frame progress ({@code monitor.subTask(
 * "fact-pytorch: gBR_…, frames 340/1200")}, a few times a second and only on the calling thread;
 * callers own {@code begin}/{@code worked}), checks the
 * clip (not null, long enough, joint positions present — computed by forward kinematics when only
 * rotations came back) and returns it at the dataset's rate.
 */
@ProviderType
public interface GenerationService {

    /**
     * Runs {@code generator} on one sequence of {@code dataset}.
     *
     * @return the clip at the ground truth's frame rate, {@code options.frames()} long (the ground
     *         truth's length when 0), with joint positions
     * @throws GenerationException naming the generator and the sequence; {@link GenerationException#canceled()}
     *                             when {@code monitor} was cancelled
     */
    MotionClip generate(MotionGenerator generator, Dataset dataset, Sequence sequence, GenerationOptions options,
            ProgressMonitor monitor) throws GenerationException;

    /**
     * Runs {@code generator} on several sequences, handing each outcome to {@code each} on the calling
     * thread as soon as it exists; a failing sequence is reported and the others go on. Stops when
     * {@code monitor} is cancelled; the sequence (or batch) then being generated is not reported.
     *
     * <p>A generator that takes batches (it overrides {@link MotionGenerator#generate(List,
     * org.choreolab.api.ProgressMonitor)}, as FACT does) gets up to {@code -Dchoreolab.batch}
     * sequences (8 by default) in one call, with the time-out multiplied by their number; each clip is
     * checked as on its own. A batch that fails as a whole is run again one sequence at a time, so only
     * the sequence at fault fails. Worker-process (isolated) generators always run one at a time.
     */
    void generateAll(MotionGenerator generator, Dataset dataset, List<Sequence> sequences, GenerationOptions options,
            ProgressMonitor monitor, Consumer<Generated> each);

    /**
     * The whole track of {@code sequence}'s music encoded by the encoder {@code encoderId} at
     * {@code fps}, from the shared cache (keyed by the music file, its size and modification time, the
     * encoder, the rate and the music id), encoding it on first use.
     *
     * @throws IOException when the sequence has no music, the encoder is not installed or fails
     */
    AudioFeatures music(Dataset dataset, Sequence sequence, String encoderId, double fps) throws IOException;
}
