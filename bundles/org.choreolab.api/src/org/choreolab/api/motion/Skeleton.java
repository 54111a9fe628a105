package org.choreolab.api.motion;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A kinematic tree: joint names, the parent of each joint (-1 for the root, parents before
 * children) and each joint's rest offset from its parent, in metres. A value, not a constant, so a
 * user-supplied body model can refine the rest pose.
 */
public final class Skeleton {

    private final String name;
    private final List<String> jointNames;
    private final int[] parents;
    private final double[] offsets;

    /**
     * @param name       a short name such as {@code smpl24}
     * @param jointNames one name per joint
     * @param parents    parent index per joint; -1 only for joint 0; each parent precedes its child
     * @param offsets    rest offsets, {@code 3 * joints} values (x, y, z per joint)
     */
    public Skeleton(String name, List<String> jointNames, int[] parents, double[] offsets) {
        this.name = Objects.requireNonNull(name, "name");
        this.jointNames = List.copyOf(jointNames);
        int n = this.jointNames.size();
        if (parents.length != n) {
            throw new IllegalArgumentException("parents: expected " + n + " entries, got " + parents.length);
        }
        if (offsets.length != 3 * n) {
            throw new IllegalArgumentException("offsets: expected " + 3 * n + " values, got " + offsets.length);
        }
        for (int j = 0; j < n; j++) {
            int p = parents[j];
            if (j == 0 ? p != -1 : (p < 0 || p >= j)) {
                throw new IllegalArgumentException("parents[" + j + "] = " + p
                        + ": expected -1 for the root and an earlier joint for every other joint");
            }
        }
        this.parents = parents.clone();
        this.offsets = offsets.clone();
    }

    public String name() {
        return name;
    }

    public int jointCount() {
        return parents.length;
    }

    public List<String> jointNames() {
        return jointNames;
    }

    public String jointName(int joint) {
        return jointNames.get(joint);
    }

    /** Index of the joint with this name, or -1. */
    public int indexOf(String jointName) {
        return jointNames.indexOf(jointName);
    }

    public int parent(int joint) {
        return parents[joint];
    }

    /** A copy of the parent indices. */
    public int[] parents() {
        return parents.clone();
    }

    /** Component {@code axis} (0 = x, 1 = y, 2 = z) of the rest offset of {@code joint}. */
    public double offset(int joint, int axis) {
        return offsets[3 * joint + axis];
    }

    /** A copy of all rest offsets, {@code 3 * joints} values. */
    public double[] offsets() {
        return offsets.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Skeleton s && name.equals(s.name) && jointNames.equals(s.jointNames)
                && Arrays.equals(parents, s.parents) && Arrays.equals(offsets, s.offsets);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, jointNames, Arrays.hashCode(parents), Arrays.hashCode(offsets));
    }

    @Override
    public String toString() {
        return name + " (" + jointCount() + " joints)";
    }
}
