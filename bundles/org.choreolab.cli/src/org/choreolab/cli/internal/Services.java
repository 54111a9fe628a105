package org.choreolab.cli.internal;

import org.choreolab.core.ComponentRegistry;
import org.choreolab.core.ExperimentRunner;
import org.choreolab.core.GenerationService;

/** The platform services the commands use, handed to them by the application. */
public record Services(ComponentRegistry registry, ExperimentRunner runner, GenerationService generation) {
}
