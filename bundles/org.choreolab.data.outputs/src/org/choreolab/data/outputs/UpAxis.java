package org.choreolab.data.outputs;

import java.util.Locale;

/** The vertical axis of a file's coordinates. Choreolab's clips are y up; z-up files are turned. */
public enum UpAxis {
    /** AIST++, Bailando, FACT and Choreolab. */
    Y,
    /** EDGE (it turns AIST++ by +90° about x). */
    Z;

    /** {@code y} or {@code z}, as options and reports spell it. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The axis named {@code y} or {@code z} (either case). */
    public static UpAxis byId(String id) {
        for (UpAxis a : values()) {
            if (a.id().equalsIgnoreCase(id.trim())) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown up axis '" + id + "' (expected y or z)");
    }

    /**
     * Turns z-up coordinates into y-up ones in place: the inverse of EDGE's +90° about x, which maps
     * (x, y, z) to (x, −z, y); so (x, y, z) becomes (x, z, −y). Exact: a signed permutation.
     */
    static void toYUp(float[] xyz) {
        for (int i = 0; i < xyz.length; i += 3) {
            float y = xyz[i + 1];
            xyz[i + 1] = xyz[i + 2];
            xyz[i + 2] = -y;
        }
    }
}
