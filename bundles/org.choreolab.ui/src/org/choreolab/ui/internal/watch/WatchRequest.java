package org.choreolab.ui.internal.watch;

import java.util.List;

/**
 * What to watch: a dataset ("" the embedded sample), a sequence, the generators beside the ground truth
 * (at most three), how many seconds (infinite: the whole sequence) and the device to generate on.
 */
record WatchRequest(String dataset, String sequence, List<String> generators, double seconds, String device) {

    static final int MAX_GENERATORS = 3;

    WatchRequest {
        generators = List.copyOf(generators.subList(0, Math.min(MAX_GENERATORS, generators.size())));
    }
}
