package org.choreolab.api.model;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.choreolab.api.Component;
import org.choreolab.api.ProgressMonitor;
import org.choreolab.api.motion.MotionClip;

/**
 * Makes motion for music. Registered as an OSGi service by the platform or by a third-party model
 * bundle; see {@code docs/EXTENDING.md}. A generator must be safe to call from a worker thread and
 * should check {@link ProgressMonitor#isCanceled()} between chunks of long work. It declares what it
 * needs in {@link GeneratorDescriptor#needs()} and reads it from the request; it looks up no encoder
 * and keeps no cache of music of its own.
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

    /**
     * Generates motion for the request; failures are reported by throwing, never by returning null.
     * Long work reports its frames through {@code monitor} ({@code begin(task, frames)}, then
     * {@code worked(n)}), which callers show as "generator: sequence, frames n/N".
     */
    MotionClip generate(GenerationRequest request, ProgressMonitor monitor) throws IOException;

    /**
     * Generates one clip per request, in order, for generators that can run several sequences at once
     * (a batch on a GPU). The default runs them one after the other. Throws when any request fails;
     * callers that must know which retry the requests one by one.
     *
     * @since 0.3
     */
    default List<MotionClip> generate(List<GenerationRequest> batch, ProgressMonitor monitor) throws IOException {
        List<MotionClip> out = new ArrayList<>(batch.size());
        for (GenerationRequest r : batch) {
            if (monitor.isCanceled()) {
                throw new IOException("canceled");
            }
            out.add(generate(r, monitor));
        }
        return out;
    }
}
