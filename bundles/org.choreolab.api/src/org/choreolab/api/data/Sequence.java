package org.choreolab.api.data;

import java.util.Map;
import java.util.Objects;

/**
 * One sequence of a dataset, without its data: its id, the split it belongs to (empty if none), the
 * id of its music (empty if none) and free metadata such as genre or dancer.
 */
public record Sequence(String id, String split, String musicId, Map<String, String> metadata) {

    public Sequence {
        Objects.requireNonNull(id, "id");
        split = split == null ? "" : split;
        musicId = musicId == null ? "" : musicId;
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** A metadata value, or the empty string. */
    public String meta(String key) {
        return metadata.getOrDefault(key, "");
    }
}
