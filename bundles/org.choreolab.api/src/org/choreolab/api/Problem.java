package org.choreolab.api;

import java.util.Objects;

/**
 * Something wrong with an input that was reported instead of thrown, so that the rest of the work
 * goes on: which file, which field, and what was expected.
 *
 * @param source  the file (or sequence, or component) the problem is in
 * @param field   the key, field or stage concerned; empty when the whole source is affected
 * @param message what was found and what was expected
 */
public record Problem(String source, String field, String message) {

    public Problem {
        Objects.requireNonNull(source, "source");
        field = field == null ? "" : field;
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field.isEmpty() ? source + ": " + message : source + ": " + field + ": " + message;
    }
}
