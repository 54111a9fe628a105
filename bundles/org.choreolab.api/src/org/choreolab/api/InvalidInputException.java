package org.choreolab.api;

import java.io.IOException;

/**
 * Bad input, described by a {@link Problem}: the message names the file, the field and what was
 * expected, so it can be shown to a user as it is.
 */
public class InvalidInputException extends IOException {

    private static final long serialVersionUID = 1L;

    private final Problem problem;

    public InvalidInputException(String source, String field, String message) {
        this(new Problem(source, field, message), null);
    }

    public InvalidInputException(Problem problem, Throwable cause) {
        super(problem.toString(), cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
