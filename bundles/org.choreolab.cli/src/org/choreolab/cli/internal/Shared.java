package org.choreolab.cli.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import picocli.CommandLine.Option;

/**
 * The options several commands share, as picocli mixins: one name, one label and one description each,
 * so {@code --dataset} means the same on every command.
 */
final class Shared {

    private Shared() {
    }

    /** {@code --dataset DIR}: a dataset folder, empty for the embedded sample. */
    static final class Dataset {
        @Option(names = "--dataset", paramLabel = "DIR", description = "Dataset folder (default: the embedded sample).")
        String dir = "";
    }

    /** {@code --split NAME}; null when not given (each command says what it then takes). */
    static final class Split {
        @Option(names = "--split", paramLabel = "NAME", description = "The split: train, val, test, … (default: test).")
        String name;
    }

    /** {@code --device D}. */
    static final class Device {
        @Option(names = "--device", paramLabel = "D", description = "cpu, gpu, gpuN or auto (default: auto: a GPU when the engine sees one).")
        String device;

        String orAuto() {
            return device == null ? "auto" : device;
        }
    }

    /** {@code --seed N}; null when not given. */
    static final class Seed {
        @Option(names = "--seed", paramLabel = "N", description = "Random seed handed to generators (default: 0, or the experiment's).")
        Long seed;
    }

    /** {@code -p, --param KEY=VALUE}, repeatable. */
    static final class Params {
        @Option(names = {"-p", "--param"}, paramLabel = "KEY=VALUE",
                description = "Overrides a generator parameter for this run (repeatable), e.g. --param feedback=raw; what a key means is the "
                        + "generator's to decide; every override is recorded with the results.")
        Map<String, String> values = new LinkedHashMap<>();
    }

    /** {@code --quiet}. */
    static final class Quiet {
        @Option(names = "--quiet", description = "Print only where the results went (no progress, no table).")
        boolean quiet;
    }

    /** {@code --json}. */
    static final class Json {
        @Option(names = "--json", description = "Print JSON to standard output instead of the table.")
        boolean json;
    }

    /** {@code --out DIR}, required. */
    static final class OutDir {
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (created).")
        Path dir;
    }
}
