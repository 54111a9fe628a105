package org.choreolab.api.metric;

import java.util.List;

/**
 * A metric's value over a set, with the flags that qualify it.
 *
 * @param value the value, computed exactly as the protocol says (NaN when the protocol's own code gives
 *              NaN, e.g. for non-finite features)
 * @param flags what a reader must know about the value; empty when nothing is to be said
 */
public record SetValue(double value, List<Flag> flags) {

    public SetValue {
        flags = flags == null ? List.of() : List.copyOf(flags);
    }

    /** A value with nothing to say about it. */
    public static SetValue of(double value) {
        return new SetValue(value, List.of());
    }

    /** Whether some flag says the value is numerically ill-posed. */
    public boolean degenerate() {
        return flags.stream().anyMatch(Flag::isDegenerate);
    }

    /** The flags of the given severity. */
    public List<Flag> flags(Flag.Severity severity) {
        return flags.stream().filter(f -> f.severity() == severity).toList();
    }
}
