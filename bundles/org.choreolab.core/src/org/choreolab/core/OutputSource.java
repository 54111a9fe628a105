package org.choreolab.core;

import java.util.List;

/**
 * What an experiment found in one folder of motion generated elsewhere ({@code evaluate --outputs
 * NAME=DIR}): how it was read and which of the split's sequences it has no file for. A missing sequence
 * is counted and listed, never dropped silently.
 *
 * @param name        the row name the folder is scored under
 * @param dir         the folder, as given
 * @param description how the folder was read (its layout or format, frame rate, up axis)
 * @param missing     sequences of the split (of this shard) with no file in the folder
 * @param unmatched   files naming no sequence of the split (not scored)
 * @param problems    files that could not be read, one line each
 * @since 0.3
 */
public record OutputSource(String name, String dir, String description, List<String> missing, List<String> unmatched,
        List<String> problems) {

    public OutputSource {
        missing = List.copyOf(missing);
        unmatched = List.copyOf(unmatched);
        problems = List.copyOf(problems);
    }
}
