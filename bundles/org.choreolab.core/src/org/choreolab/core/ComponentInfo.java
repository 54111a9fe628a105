package org.choreolab.core;

import org.choreolab.api.Component;

/**
 * An installed component as the registry sees it: its kind, id, name, and the bundle providing it.
 */
public record ComponentInfo(ComponentKind kind, String id, String name, String description, String bundle,
        String bundleVersion, Component service) {
}
