package org.choreolab.model.fact.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * FACT's shape. {@link #PUBLISHED} is mint's {@code fact_v5_deeper_t10_cm12} (hidden 800, 10 heads,
 * 2 + 2 + 12 layers, intermediate 3072 as mint's proto default); {@link #SMALL} keeps the structure and
 * shrinks the widths and depths so that it trains on a CPU in minutes. Passed to networks as strings,
 * since the network classes live in the engine's class loader.
 */
public record FactConfig(int hidden, int heads, int intermediate, int motionLayers, int audioLayers, int crossLayers,
        int motionLength, int audioLength, int motionDim, int audioDim, int outputFrames) {

    public static final FactConfig PUBLISHED = new FactConfig(800, 10, 3072, 2, 2, 12, 120, 240, 225, 35, 20);
    public static final FactConfig SMALL = new FactConfig(64, 4, 256, 1, 1, 2, 120, 240, 225, 35, 20);

    public FactConfig {
        if (hidden <= 0 || heads <= 0 || hidden % heads != 0) {
            throw new IllegalArgumentException("hidden: expected a positive multiple of heads (" + heads + "), got " + hidden);
        }
        if (outputFrames > motionLength + audioLength) {
            throw new IllegalArgumentException("outputFrames: at most motionLength + audioLength, got " + outputFrames);
        }
    }

    /** Reads the options {@code size} (small or published) and any single field overriding it. */
    public static FactConfig of(Map<String, String> o) {
        String size = o.getOrDefault("size", "small");
        FactConfig b = switch (size) {
            case "small" -> SMALL;
            case "published", "full" -> PUBLISHED;
            default -> throw new IllegalArgumentException("size: expected small or published, got '" + size + "'");
        };
        return new FactConfig(i(o, "hidden", b.hidden), i(o, "heads", b.heads), i(o, "intermediate", b.intermediate),
                i(o, "motionLayers", b.motionLayers), i(o, "audioLayers", b.audioLayers), i(o, "crossLayers", b.crossLayers),
                i(o, "motionLength", b.motionLength), i(o, "audioLength", b.audioLength), i(o, "motionDim", b.motionDim),
                i(o, "audioDim", b.audioDim), i(o, "outputFrames", b.outputFrames));
    }

    private static int i(Map<String, String> o, String key, int fallback) {
        String v = o.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": expected a whole number, got '" + v + "'");
        }
    }

    public Map<String, String> toOptions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("hidden", "" + hidden);
        m.put("heads", "" + heads);
        m.put("intermediate", "" + intermediate);
        m.put("motionLayers", "" + motionLayers);
        m.put("audioLayers", "" + audioLayers);
        m.put("crossLayers", "" + crossLayers);
        m.put("motionLength", "" + motionLength);
        m.put("audioLength", "" + audioLength);
        m.put("motionDim", "" + motionDim);
        m.put("audioDim", "" + audioDim);
        m.put("outputFrames", "" + outputFrames);
        return m;
    }
}
