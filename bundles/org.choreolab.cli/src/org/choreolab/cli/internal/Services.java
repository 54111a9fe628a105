package org.choreolab.cli.internal;

import org.choreolab.core.ComponentRegistry;
import org.choreolab.core.ExperimentRunner;

/** The platform services the commands use, handed to them by the application. */
public record Services(ComponentRegistry registry, ExperimentRunner runner) {
}
