package org.mmsim.spi;

/**
 * Input mmsim cannot use: a bad command-line argument, scenario line, trace record or configuration value. The
 * message is the one line a user sees, saying where (FILE:LINE, or the option), what was found and what was
 * expected; the command exits with status 2 and no stack trace.
 */
public class BadInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
