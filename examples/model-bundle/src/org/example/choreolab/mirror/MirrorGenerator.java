package org.example.choreolab.mirror;

import java.io.IOException;
import java.util.List;
import java.util.Map;

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
 * An example model: the first training dance, mirrored left to right and held to length. A real
 * model bundle would load its weights from inside the bundle here (see docs/EXTENDING.md).
 */
@Component(service = MotionGenerator.class, property = "choreolab.id=example-mirror")
public final class MirrorGenerator implements MotionGenerator {

    @Override
    public GeneratorDescriptor descriptor() {
        // What it needs and gives back: no music features, no seed, the dataset's frame rate, and joint
        // positions only (a real model would name its encoder, e.g. new GeneratorNeeds("fact35", 120, 60, ROTATIONS)).
        return new GeneratorDescriptor("example-mirror", "Example: mirrored training dance", "none", Map.of("source", "examples/model-bundle"),
                GeneratorNeeds.nothing(GeneratorOutput.JOINT_POSITIONS));
    }

    @Override
    public MotionClip generate(GenerationRequest r, ProgressMonitor monitor) throws IOException {
        List<Sequence> train = r.dataset().split("train").isEmpty() ? r.dataset().sequences() : r.dataset().split("train");
        MotionClip c = r.dataset().motion(train.get(0));
        int n = c.frameCount(), joints = c.skeleton().jointCount();
        float[] p = c.positions(new float[3 * joints * n]);
        float[] out = new float[3 * joints * r.frames()];
        for (int f = 0; f < r.frames(); f++) {
            int src = Math.min(f, n - 1);
            for (int j = 0; j < joints; j++) {
                // Mirror across x = 0 (joint order kept: a visual mirror, enough for an example).
                out[3 * (f * joints + j)] = -p[3 * (src * joints + j)];
                out[3 * (f * joints + j) + 1] = p[3 * (src * joints + j) + 1];
                out[3 * (f * joints + j) + 2] = p[3 * (src * joints + j) + 2];
            }
        }
        return new MotionClip(c.skeleton(), c.fps(), null, null, out);
    }
}
