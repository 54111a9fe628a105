package org.choreolab.cli.internal;

import java.util.Locale;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --isolate all|third-party|none}, mixed into the commands that run generators (evaluate,
 * generate, render). It sets the system property the generation service reads
 * ({@code choreolab.isolate}), which {@code CHOREOLAB_JAVA_OPTS="-Dchoreolab.isolate=all"} sets too.
 */
final class IsolateOption {

    static final String PROPERTY = "choreolab.isolate";

    @Option(names = "--isolate", paramLabel = "MODE", converter = Mode.class, description = {
            "Which generators run in worker processes of their own (a crash, System.exit or exhausted heap there fails that "
                    + "generator only): third-party (default: those of bundles installed into dropins/), all, or none.",
            "Worker heap: -Dchoreolab.worker.heap=2g in CHOREOLAB_JAVA_OPTS (the default)."})
    void isolate(String mode) {
        System.setProperty(PROPERTY, mode);
    }

    /** all, third-party or none; anything else is a usage error. */
    static final class Mode implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String m = value.trim().toLowerCase(Locale.ROOT);
            if (!m.equals("all") && !m.equals("third-party") && !m.equals("none")) {
                throw new TypeConversionException("expected all, third-party or none, got '" + value + "'");
            }
            return m;
        }
    }
}
