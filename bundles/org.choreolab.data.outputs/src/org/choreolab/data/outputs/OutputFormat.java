package org.choreolab.data.outputs;

import java.util.Arrays;
import java.util.List;

/**
 * The ways research code writes generated motion to disk, as their repositories do it. Each has the
 * frame rate and up axis its code uses; {@link OutputFolder.Options} can state others.
 */
public enum OutputFormat {

    /**
     * Choreolab's {@code dataset export-joints} and {@code generate}'s {@code joints/}: {@code <name>.npy},
     * float world joints {@code (frames, 24, 3)} (or {@code (frames, 72)}) in metres, SMPL joint order.
     * 60 fps; the up axis is read from the data (the head above the pelvis) unless stated.
     */
    JOINTS("joints", 60, UpAxis.Y, "<name>.npy of world joints (frames, 24, 3) or (frames, 72), metres"),

    /**
     * Bailando ({@code utils/functional.py}, {@code write2pkl}): {@code np.save(name + '.pkl',
     * {'pred_position': joints})}, which numpy stores as {@code <name>.pkl.npy}, a 0-d object array
     * holding the dict; {@code pred_position} is {@code (frames, 72)} world joints in metres. 60 fps, y up.
     */
    BAILANDO("bailando", 60, UpAxis.Y, "<name>.pkl.npy from np.save of {'pred_position': (frames, 72)}"),

    /**
     * EDGE ({@code model/diffusion.py}, {@code render_sample}): {@code pickle.dump} of
     * {@code {'smpl_poses': (frames, 72), 'smpl_trans': (frames, 3), 'full_pose': (frames, 24, 3)}},
     * named {@code <epoch>_<music or sequence>.pkl} ({@code test_…} from {@code test.py}); 30 fps, in
     * EDGE's z-up frame (AIST++ turned +90° about x). {@code full_pose} is read.
     */
    EDGE("edge", 30, UpAxis.Z, "<epoch>_<name>.pkl with {'smpl_poses', 'smpl_trans', 'full_pose' (frames, 24, 3)}, z up"),

    /**
     * AIST++ motion pickles, the format FACT's data and Choreolab's {@code generate} ({@code motions/})
     * use: {@code {'smpl_poses': (frames, 72) or (frames, 24, 3), 'smpl_trans': (frames, 3),
     * 'smpl_scaling': (1,)}}, joints by forward kinematics of the neutral SMPL skeleton. 60 fps, y up.
     */
    AISTPP("aistpp", 60, UpAxis.Y, "<name>.pkl with {'smpl_poses', 'smpl_trans', 'smpl_scaling'} (AIST++, FACT, generate)"),

    /**
     * FACT's evaluator in mint ({@code mint/ctl/single_task_evaluator.py}): {@code np.save} of
     * {@code <motion>_<music>.npy}, {@code (frames, 225)}: 6 zeros, the root translation in metres, then
     * the 24 local rotations as row-major 3×3 matrices (the 120-frame seed first). Rotations are taken
     * to the nearest rotation, as mint's scoring does, and joints computed by forward kinematics of the
     * neutral SMPL skeleton. 60 fps, y up.
     */
    FACT("fact", 60, UpAxis.Y, "<motion>_<music>.npy of mint's (frames, 225) motion");

    private final String id;
    private final double fps;
    private final UpAxis up;
    private final String looksLike;

    OutputFormat(String id, double fps, UpAxis up, String looksLike) {
        this.id = id;
        this.fps = fps;
        this.up = up;
        this.looksLike = looksLike;
    }

    /** The name options and reports use: {@code joints}, {@code bailando}, {@code edge}, {@code aistpp}, {@code fact}. */
    public String id() {
        return id;
    }

    /** The frame rate the format's code writes. */
    public double fps() {
        return fps;
    }

    /** The up axis the format's code writes. */
    public UpAxis up() {
        return up;
    }

    /** What a file of this format looks like, for messages. */
    public String looksLike() {
        return looksLike;
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(OutputFormat::id).toList();
    }

    /** The format of this id. */
    public static OutputFormat byId(String id) {
        for (OutputFormat f : values()) {
            if (f.id.equalsIgnoreCase(id.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown output format '" + id + "' (known: " + ids() + ")");
    }
}
