package org.choreolab.core.internal.isolation;

import java.util.Locale;

/**
 * Which generators run in worker processes: {@code third-party} (the default: generators of bundles
 * that did not come with the product, see {@code org.choreolab.guard.ThirdParty}), {@code all}, or
 * {@code none}. Read from the system property {@value #PROPERTY} at every request, so the command
 * line's {@code --isolate} and {@code CHOREOLAB_JAVA_OPTS="-Dchoreolab.isolate=all"} both apply.
 */
public enum Isolation {
    ALL("all"), THIRD_PARTY("third-party"), NONE("none");

    public static final String PROPERTY = "choreolab.isolate";

    private final String key;

    Isolation(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** The mode named {@code value} ({@code all}, {@code third-party}, {@code none}). */
    public static Isolation parse(String value) {
        String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (Isolation i : values()) {
            if (i.key.equals(v)) {
                return i;
            }
        }
        throw new IllegalArgumentException("isolate: expected all, third-party or none, got '" + value + "'");
    }

    /** The mode in force: the system property, else third-party. */
    public static Isolation current() {
        String v = System.getProperty(PROPERTY);
        return v == null || v.isBlank() ? THIRD_PARTY : parse(v);
    }
}
