package org.example.choreolab.hostile.exit;

import java.util.Map;

import org.choreolab.api.ProgressMonitor;
import org.choreolab.api.model.GenerationRequest;
import org.choreolab.api.model.GeneratorDescriptor;
import org.choreolab.api.model.GeneratorNeeds;
import org.choreolab.api.model.GeneratorOutput;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.api.motion.MotionClip;
import org.osgi.service.component.annotations.Component;

/** Hostile: ends the JVM with System.exit. Hostile on purpose: Choreolab must record it as failed and keep every other result. */
@Component(service = MotionGenerator.class)
public final class ExitGenerator implements MotionGenerator {

    @Override
    public GeneratorDescriptor descriptor() {
        return new GeneratorDescriptor("hostile-exit", "Hostile: System.exit", "none", Map.of("hostile", "yes"),
                GeneratorNeeds.nothing(GeneratorOutput.JOINT_POSITIONS));
    }

    @Override
    public MotionClip generate(GenerationRequest r, ProgressMonitor monitor) {
        System.exit(0);
        return null;
    }
}
