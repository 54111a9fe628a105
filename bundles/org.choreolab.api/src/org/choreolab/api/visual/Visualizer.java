package org.choreolab.api.visual;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.choreolab.api.Component;
import org.choreolab.api.motion.MotionClip;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Renders one or more clips (shown side by side, in sync) to a file, headless.
 */
@ConsumerType
public interface Visualizer extends Component {

    /** The file extensions this visualizer writes (e.g. {@code gif}, {@code png}, {@code bvh}). */
    List<String> formats();

    /** Renders {@code clips} to {@code out}; {@code options} are visualizer-specific. */
    void render(List<MotionClip> clips, Path out, Map<String, String> options) throws IOException;
}
