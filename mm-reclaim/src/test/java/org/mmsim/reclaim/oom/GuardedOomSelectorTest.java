package org.mmsim.reclaim.oom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmsim.spi.OomCandidate;
import org.mmsim.spi.OomDecision;
import org.mmsim.spi.OomExemption;
import org.mmsim.spi.OomPolicy;
import org.mmsim.spi.OomRequest;
import org.mmsim.spi.PluginFailureException;
import org.mmsim.spi.watchdog.PluginWatch;

class GuardedOomSelectorTest {
    private static final OomRequest REQUEST = new OomRequest(List.of(
            new OomCandidate(1, 0, "init", 100, 10, 0, 0, 0, 0, 0, 0, OomExemption.INIT),
            new OomCandidate(7, 1000, "app", 100, 50, 0, 0, 0, 4096, 0, 5, OomExemption.NONE),
            new OomCandidate(9, 1000, "sshd", 100, 60, 0, 0, 0, 4096, -1000, 3, OomExemption.NONE)), 1000, 4096, 0xcc0, 0);

    private static String failure(OomPolicy policy) {
        return assertThrows(PluginFailureException.class,
                () -> new GuardedOomSelector("bad", policy, new PluginWatch(null)).selectBadProcess(REQUEST)).getMessage();
    }

    @Test
    void aValidDecisionPassesThrough() {
        PluginWatch watch = new PluginWatch(null);
        assertEquals(OomDecision.kill(7), new GuardedOomSelector("ok", r -> OomDecision.kill(7), watch).selectBadProcess(REQUEST));
        assertEquals(OomDecision.panic("x"), new GuardedOomSelector("ok", r -> OomDecision.panic("x"), watch)
                .selectBadProcess(REQUEST));
    }

    @Test
    void everyBrokenAnswerNamesThePolicy() {
        assertEquals("policy 'bad' failed: decide() returned null", failure(r -> null));
        assertEquals("policy 'bad' failed: chose pid 42, which is not a candidate", failure(r -> OomDecision.kill(42)));
        assertEquals("policy 'bad' failed: chose pid 1 (init), which may not be killed", failure(r -> OomDecision.kill(1)));
        assertEquals("policy 'bad' failed: chose pid 9 (sshd), which may not be killed", failure(r -> OomDecision.kill(9)));
        assertEquals("policy 'bad' failed in decide(): boom", failure(r -> {
            throw new IllegalStateException("boom");
        }));
        assertEquals("policy 'bad' failed in decide(): stack overflow (unbounded recursion?)", failure(r -> {
            throw new StackOverflowError();
        }));
    }

    @Test
    void testsRunOnTheModulePath() {
        assertEquals("org.mmsim.reclaim", getClass().getModule().getName());
    }
}
