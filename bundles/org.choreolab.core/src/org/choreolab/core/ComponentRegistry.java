package org.choreolab.core;

import java.util.List;
import java.util.Optional;

import org.choreolab.api.Component;

/**
 * Every component service installed right now, updated as bundles come and go. Registered as an
 * OSGi service by the core bundle.
 */
public interface ComponentRegistry {

    /** All components, sorted by kind then id. */
    List<ComponentInfo> components();

    /** The services of one type, sorted by id. */
    <T extends Component> List<T> services(Class<T> type);

    /** The service of this type whose {@value Component#ID_PROPERTY} (or, lacking it, {@code id()}) is this id. */
    <T extends Component> Optional<T> find(Class<T> type, String id);

    /**
     * The services of this type whose registration properties match an LDAP filter, sorted by id; a
     * service registered without {@value Component#ID_PROPERTY} matches as if it carried its {@code id()}.
     * This default, for registries that keep no properties, matches the id alone.
     */
    default <T extends Component> List<T> select(Class<T> type, String filter) {
        org.osgi.framework.Filter f;
        try {
            f = org.osgi.framework.FrameworkUtil.createFilter(filter);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalArgumentException("service filter " + filter + ": " + e.getMessage(), e);
        }
        return services(type).stream().filter(c -> f.matches(java.util.Map.of(Component.ID_PROPERTY, c.id()))).toList();
    }

    /**
     * A component's registration properties, with {@value Component#ID_PROPERTY} filled in from {@code id()}
     * where the registration lacks it. This default, for registries that keep no properties, gives the id alone.
     */
    default java.util.Map<String, Object> properties(Component component) {
        return java.util.Map.of(Component.ID_PROPERTY, component.id());
    }

    /** A value for an LDAP filter, such as an id typed by a user: '\\', '*', '(' and ')' escaped. */
    static String filterValue(String value) {
        StringBuilder b = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            if (c == '\\' || c == '*' || c == '(' || c == ')') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    /** Calls {@code listener} (on an arbitrary thread) whenever a component appears or goes. */
    void addListener(Runnable listener);

    void removeListener(Runnable listener);
}
