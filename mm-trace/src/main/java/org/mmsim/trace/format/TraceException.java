package org.mmsim.trace.format;

import org.mmsim.spi.BadInputException;

/** A trace mmsim cannot read: the message names the file and the record, what was found and what was expected. */
public final class TraceException extends BadInputException {
    private static final long serialVersionUID = 1L;

    public TraceException(String message) {
        super(message);
    }

    public TraceException(String message, Throwable cause) {
        super(message, cause);
    }
}
