package org.choreolab.tools.manifests;

/** An OSGi version without its qualifier, which no rule here looks at. */
public record Version(int major, int minor, int micro) implements Comparable<Version> {

    public static final Version ZERO = new Version(0, 0, 0);

    /** Parses {@code 1}, {@code 1.2}, {@code 1.2.3} or {@code 1.2.3.qualifier}. */
    public static Version parse(String text) {
        String[] parts = text.trim().split("\\.", 4);
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            int micro = parts.length > 2 ? Integer.parseInt(parts[2]) : 0;
            return new Version(major, minor, micro);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an OSGi version: '" + text + "'");
        }
    }

    /** The first version of the next minor line: 0.3.2 gives 0.4.0. */
    public Version nextMinor() {
        return new Version(major, minor + 1, 0);
    }

    /** The first version of the next major line: 0.3.2 gives 1.0.0. */
    public Version nextMajor() {
        return new Version(major + 1, 0, 0);
    }

    /** {@code major.minor}, as a range floor is written. */
    public String shortText() {
        return micro == 0 ? major + "." + minor : toString();
    }

    @Override
    public int compareTo(Version o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(micro, o.micro);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + micro;
    }
}
