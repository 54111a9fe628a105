package org.choreolab.api.model;

import java.io.IOException;

import org.choreolab.api.Component;
import org.choreolab.api.ProgressMonitor;
import org.choreolab.api.motion.MotionClip;

/**
 * Makes motion for music. Registered as an OSGi service by the platform or by a third-party model
 * bundle; see {@code docs/EXTENDING.md}. A generator must be safe to call from a worker thread and
 * should check {@link ProgressMonitor#isCanceled()} between chunks of long work.
 */
public interface MotionGenerator extends Component {

    GeneratorDescriptor descriptor();

    @Override
    default String id() {
        return descriptor().id();
    }

    @Override
    default String name() {
        return descriptor().name();
    }

    /** Generates motion for the request; failures are reported by throwing, never by returning null. */
    MotionClip generate(GenerationRequest request, ProgressMonitor monitor) throws IOException;
}
