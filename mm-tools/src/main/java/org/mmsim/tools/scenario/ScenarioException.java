package org.mmsim.tools.scenario;

import org.mmsim.spi.BadInputException;

/** A scenario line mmsim cannot run; the message starts with FILE:LINE. */
public final class ScenarioException extends BadInputException {
    private static final long serialVersionUID = 1L;

    public ScenarioException(String message) {
        super(message);
    }
}
