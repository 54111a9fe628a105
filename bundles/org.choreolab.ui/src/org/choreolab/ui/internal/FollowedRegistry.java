package org.choreolab.ui.internal;

import org.choreolab.core.ComponentRegistry;

/**
 * The component registry as a part sees it come and go (e4 injects it again, or null, when the core
 * bundle restarts): the part's listener moves from the old registry to the new one and runs once, so
 * the part's lists follow the components installed. One place for what the Evaluate and Watch views
 * both need.
 */
public final class FollowedRegistry {

    private final Runnable changed;
    private volatile ComponentRegistry current;

    public FollowedRegistry(Runnable changed) {
        this.changed = changed;
    }

    /** The registry now, or null while there is none. */
    public ComponentRegistry get() {
        return current;
    }

    /** Follows {@code r} (null: none) instead of the registry before, and tells the part once. */
    public void follow(ComponentRegistry r) {
        ComponentRegistry old = current;
        if (old != null) {
            old.removeListener(changed);
        }
        current = r;
        if (r != null) {
            r.addListener(changed);
        }
        changed.run();
    }

    /** Stops listening (the part goes). */
    public void close() {
        ComponentRegistry r = current;
        if (r != null) {
            r.removeListener(changed);
        }
    }
}
