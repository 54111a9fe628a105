package org.example.choreolab.hostile.crash;

import java.util.Map;

import org.choreolab.api.ProgressMonitor;
import org.choreolab.api.model.GenerationRequest;
import org.choreolab.api.model.GeneratorDescriptor;
import org.choreolab.api.model.GeneratorNeeds;
import org.choreolab.api.model.GeneratorOutput;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.api.motion.MotionClip;
import org.osgi.service.component.annotations.Component;

import com.sun.jna.Pointer;

/** Hostile: writes to address 0 from native code (SIGSEGV). Hostile on purpose: Choreolab must record it as failed and keep every other result. */
@Component(service = MotionGenerator.class)
public final class CrashGenerator implements MotionGenerator {

    @Override
    public GeneratorDescriptor descriptor() {
        return new GeneratorDescriptor("hostile-crash", "Hostile: native crash", "none", Map.of("hostile", "yes"),
                GeneratorNeeds.nothing(GeneratorOutput.JOINT_POSITIONS));
    }

    @Override
    public MotionClip generate(GenerationRequest r, ProgressMonitor monitor) {
        // JNA writes through a null native pointer: the JVM dies of a segmentation fault in native code,
        // as it would on a bug in an engine's C++.
        new Pointer(0).setLong(0, 42);
        return null;
    }
}
