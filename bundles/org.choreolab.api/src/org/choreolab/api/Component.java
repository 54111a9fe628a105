package org.choreolab.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * What every Choreolab service has in common: a stable id, used in experiment files, result files
 * and on the command line, and a human name for tables and the workbench.
 */
@ConsumerType
public interface Component {

    /** A stable identifier: lower case, digits, '-', '.' and '_' (e.g. {@code fid_k}, {@code aistpp}). */
    String id();

    /** A short human-readable name. */
    String name();

    /** One or two sentences on what the component does and which convention it follows. */
    default String description() {
        return "";
    }
}
