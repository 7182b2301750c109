package org.mmsim.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    @Test
    void theBarShowsTheShareTheRateAndTheTimeLeft() {
        assertEquals("[===============>              ]  50%  10.0 M requests/s, 2 s left",
                ProgressBar.line(20_000_000, 40_000_000, 2));
        assertEquals("[==============================] 100%  10.0 M requests/s, 0 s left",
                ProgressBar.line(40_000_000, 40_000_000, 4));
        assertEquals("5,000,000 requests, 2.5 M requests/s", ProgressBar.line(5_000_000, -1, 2));
    }

    @Test
    void offATerminalItSaysNothing() {
        StringWriter err = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(err), false);
        bar.update(1, 2);
        bar.finish();
        assertEquals("", err.toString());
    }
}
