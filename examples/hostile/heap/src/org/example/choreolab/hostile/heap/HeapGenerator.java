package org.example.choreolab.hostile.heap;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.choreolab.api.ProgressMonitor;
import org.choreolab.api.model.GenerationRequest;
import org.choreolab.api.model.GeneratorDescriptor;
import org.choreolab.api.model.GeneratorNeeds;
import org.choreolab.api.model.GeneratorOutput;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.api.motion.MotionClip;
import org.osgi.service.component.annotations.Component;

/** Hostile: fills the heap until it runs out. Hostile on purpose: Choreolab must record it as failed and keep every other result. */
@Component(service = MotionGenerator.class)
public final class HeapGenerator implements MotionGenerator {

    @Override
    public GeneratorDescriptor descriptor() {
        return new GeneratorDescriptor("hostile-heap", "Hostile: exhausts the heap", "none", Map.of("hostile", "yes"),
                GeneratorNeeds.nothing(GeneratorOutput.JOINT_POSITIONS));
    }

    @Override
    public MotionClip generate(GenerationRequest r, ProgressMonitor monitor) {
        List<long[]> hoard = new ArrayList<>();
        while (true) {
            hoard.add(new long[1 << 24]); // 128 MB at a time, kept
        }
    }
}
