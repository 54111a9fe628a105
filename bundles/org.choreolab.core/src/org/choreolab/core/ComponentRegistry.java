package org.choreolab.core;

import java.util.List;
import java.util.Optional;

import org.choreolab.api.Component;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Every component service installed right now, updated as bundles come and go. Registered as an
 * OSGi service by the core bundle.
 */
@ProviderType
public interface ComponentRegistry {

    /** All components, sorted by kind then id. */
    List<ComponentInfo> components();

    /** The services of one type, sorted by id. */
    <T extends Component> List<T> services(Class<T> type);

    /** The service of this type with this id. */
    <T extends Component> Optional<T> find(Class<T> type, String id);

    /** Calls {@code listener} (on an arbitrary thread) whenever a component appears or goes. */
    void addListener(Runnable listener);

    void removeListener(Runnable listener);
}
