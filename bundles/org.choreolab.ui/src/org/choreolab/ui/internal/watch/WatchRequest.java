package org.choreolab.ui.internal.watch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to watch: a dataset ("" the embedded sample), a sequence, the generators and output folders
 * (NAME to DIR) beside the ground truth (at most three in all), how many seconds (infinite: the whole
 * sequence) and the device to generate on.
 */
record WatchRequest(String dataset, String sequence, List<String> generators, Map<String, String> outputs, double seconds, String device) {

    static final int MAX_GENERATORS = 3;

    WatchRequest {
        generators = List.copyOf(generators.subList(0, Math.min(MAX_GENERATORS, generators.size())));
        Map<String, String> kept = new LinkedHashMap<>();
        outputs.entrySet().stream().limit(MAX_GENERATORS - generators.size()).forEach(e -> kept.put(e.getKey(), e.getValue()));
        outputs = java.util.Collections.unmodifiableMap(kept);
    }
}
