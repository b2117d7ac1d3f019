package io.digitnet;

/**
 * Input that a user has to fix: a missing or malformed file, an option out of range.
 * The command line reports it as one line on stderr and exits with code 2.
 *
 * <p>The message names the file or option first, then what was expected and what was
 * found, e.g. {@code "data/x.idx: expected magic 2051 (images), found 2049"}. It is a
 * RuntimeException so that it can cross Spark tasks and lambdas, and Serializable (as
 * every Throwable) so that a task's failure carries it back to the driver.
 */
public class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The first BadInputException in a chain of causes (Spark wraps task failures), or null. */
    public static BadInputException findIn(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof BadInputException bad) {
                return bad;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }
}
