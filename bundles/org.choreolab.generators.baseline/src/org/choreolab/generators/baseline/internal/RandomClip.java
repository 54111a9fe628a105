package org.choreolab.generators.baseline.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.choreolab.api.ProgressMonitor;
import org.choreolab.api.data.Sequence;
import org.choreolab.api.model.GenerationRequest;
import org.choreolab.api.model.GeneratorDescriptor;
import org.choreolab.api.model.GeneratorNeeds;
import org.choreolab.api.model.GeneratorOutput;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.api.motion.MotionClip;
import org.osgi.service.component.annotations.Component;

/**
 * A real dance that ignores the music: a training clip drawn at random (seeded by the request's
 * seed and the target's id, so runs repeat), cut to the requested length.
 */
@Component(service = MotionGenerator.class, property = "choreolab.id=random-clip")
public final class RandomClip implements MotionGenerator {

    /** No music, no seed; its clips are the dataset's own (joint positions always, rotations where the dataset has them). */
    private static final GeneratorDescriptor DESCRIPTOR = new GeneratorDescriptor("random-clip", "Random training clip", "none",
            Map.of("pool", "train split, other music"), GeneratorNeeds.nothing(GeneratorOutput.JOINT_POSITIONS));

    @Override
    public GeneratorDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public String description() {
        return "Baseline: a random training dance, whatever the music (cut to length)";
    }

    @Override
    public MotionClip generate(GenerationRequest r, ProgressMonitor monitor) throws IOException {
        List<Sequence> pool = Clips.pool(r);
        SplittableRandom rnd = new SplittableRandom(r.seed() * 1_000_003L + r.target().id().hashCode());
        Sequence pick = pool.get(rnd.nextInt(pool.size()));
        return Clips.cut(r.dataset().motion(pick), r.frames());
    }
}
