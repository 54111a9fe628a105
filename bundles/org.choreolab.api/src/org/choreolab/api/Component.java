package org.choreolab.api;

/**
 * What every Choreolab service has in common: a stable id, used in experiment files, result files
 * and on the command line, and a human name for tables and the workbench.
 */
public interface Component {

    /**
     * The service property carrying {@link #id()} on every component's registration (e.g.
     * {@code @Component(service = Metric.class, property = "choreolab.id=fid_k")}), so that code
     * selects one component with an LDAP filter or a DS reference target such as
     * {@code (choreolab.id=fid_k)}. The registry falls back to {@link #id()} for services registered
     * without it.
     */
    String ID_PROPERTY = "choreolab.id";

    /** A stable identifier: lower case, digits, '-', '.' and '_' (e.g. {@code fid_k}, {@code aistpp}). */
    String id();

    /** A short human-readable name. */
    String name();

    /** One or two sentences on what the component does and which convention it follows. */
    default String description() {
        return "";
    }
}
