package org.choreolab.tools.manifests;

/**
 * An OSGi version range as Import-Package writes it: {@code [0.3,1)}, or a bare version meaning "this one
 * or any later" (then {@link #ceiling()} is null).
 */
public record Range(Version floor, boolean floorIncluded, Version ceiling, boolean ceilingIncluded) {

    public static Range parse(String text) {
        String t = text.trim();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty version range");
        }
        char first = t.charAt(0);
        if (first != '[' && first != '(') {
            return new Range(Version.parse(t), true, null, false);
        }
        char last = t.charAt(t.length() - 1);
        int comma = t.indexOf(',');
        if ((last != ']' && last != ')') || comma < 0) {
            throw new IllegalArgumentException("not an OSGi version range: '" + text + "'");
        }
        return new Range(Version.parse(t.substring(1, comma)), first == '[',
                Version.parse(t.substring(comma + 1, t.length() - 1)), last == ']');
    }

    /** {@code [floor,ceiling)}. */
    public static Range halfOpen(Version floor, Version ceiling) {
        return new Range(floor, true, ceiling, false);
    }

    public boolean includes(Version v) {
        int f = v.compareTo(floor);
        if (f < 0 || (f == 0 && !floorIncluded)) {
            return false;
        }
        if (ceiling == null) {
            return true;
        }
        int c = v.compareTo(ceiling);
        return c < 0 || (c == 0 && ceilingIncluded);
    }

    @Override
    public String toString() {
        if (ceiling == null) {
            return floor.shortText();
        }
        return (floorIncluded ? "[" : "(") + floor.shortText() + "," + ceiling.major()
                + (ceiling.minor() != 0 || ceiling.micro() != 0 ? "." + ceiling.minor() : "")
                + (ceiling.micro() != 0 ? "." + ceiling.micro() : "") + (ceilingIncluded ? "]" : ")");
    }
}
