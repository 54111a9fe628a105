package org.choreolab.api.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.choreolab.api.Problem;
import org.choreolab.api.motion.MotionClip;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An opened dataset. Listing is cheap; motion is read when asked for, so a dataset of AIST++'s size
 * can be browsed without loading it.
 * <p>Consumer type: every {@link DatasetReader}, the platform's or a third party's, returns its own
 * implementation.
 */
@ConsumerType
public interface Dataset extends AutoCloseable {

    /** The folder the dataset was opened from. */
    Path root();

    /** A short human-readable name (e.g. the folder name). */
    String name();

    /** Every usable sequence, in a stable order. */
    List<Sequence> sequences();

    /** The names of the splits present (e.g. {@code train}, {@code val}, {@code test}). */
    List<String> splits();

    /** The sequences of one split; an unknown split gives an empty list. */
    default List<Sequence> split(String split) {
        return sequences().stream().filter(s -> s.split().equals(split)).toList();
    }

    /** The sequence with this id, if present. */
    default Optional<Sequence> sequence(String id) {
        return sequences().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /**
     * Reads the motion of a sequence, with world joint positions computed.
     *
     * @throws org.choreolab.api.InvalidInputException naming the file and field when it is malformed
     */
    MotionClip motion(Sequence sequence) throws IOException;

    /** The music file of a sequence, if the dataset has it. */
    Optional<Path> music(Sequence sequence);

    /** The music beat frames of a sequence at the given frame rate, if the dataset knows them. */
    default Optional<int[]> musicBeats(Sequence sequence, double fps) {
        return Optional.empty();
    }

    /** Problems met while opening (files skipped, malformed lists); empty when all is well. */
    List<Problem> problems();

    @Override
    default void close() {
    }
}
