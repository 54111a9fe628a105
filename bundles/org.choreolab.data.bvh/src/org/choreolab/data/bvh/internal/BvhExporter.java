package org.choreolab.data.bvh.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.choreolab.api.motion.MotionClip;
import org.choreolab.api.visual.Visualizer;
import org.choreolab.data.bvh.Bvh;
import org.osgi.service.component.annotations.Component;

/** Exports a clip as BVH (option {@code scale}: length unit per metre, default 100 = centimetres). */
@Component(service = Visualizer.class, property = "choreolab.id=bvh")
public final class BvhExporter implements Visualizer {

    @Override
    public String id() {
        return "bvh";
    }

    @Override
    public String name() {
        return "BVH export";
    }

    @Override
    public String description() {
        return "Writes a clip as BVH (ZXY Euler angles, centimetres) for Blender and other animation tools.";
    }

    @Override
    public List<String> formats() {
        return List.of("bvh");
    }

    @Override
    public void render(List<MotionClip> clips, Path out, Map<String, String> options) throws IOException {
        if (clips.size() != 1) {
            throw new IOException("BVH export writes one clip per file, got " + clips.size());
        }
        if (!clips.get(0).hasRotations()) {
            // A generator that returns joint positions only (a keypoint model) has nothing BVH can hold.
            throw new IOException(out + ": BVH export needs joint rotations; this clip has joint positions only (no joint rotations)."
                    + " Export its joints (.npy) or render it with the skeleton visualizer instead");
        }
        double scale = Double.parseDouble(options.getOrDefault("scale", "100"));
        Bvh.write(clips.get(0), out, scale);
    }
}
