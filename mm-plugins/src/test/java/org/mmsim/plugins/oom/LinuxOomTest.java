package org.mmsim.plugins.oom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmsim.spi.OomCandidate;
import org.mmsim.spi.OomDecision;
import org.mmsim.spi.OomExemption;
import org.mmsim.spi.OomRequest;
import org.mmsim.spi.PolicyArguments;

class LinuxOomTest {
    private static OomCandidate task(int pid, long rss, long swap, long pgtablesBytes, int adj, OomExemption exemption) {
        return new OomCandidate(pid, 1000, "t" + pid, rss * 2, rss, 0, 0, swap, pgtablesBytes, adj, 0, exemption);
    }

    private static OomDecision decide(long totalPages, OomCandidate... tasks) {
        return new LinuxOom().create(PolicyArguments.none()).decide(new OomRequest(List.of(tasks), totalPages, 4096, 0xcc0, 0));
    }

    @Test
    void badnessIsRssPlusSwapPlusPageTablesPlusTheAdjustedShare() {
        // 4 GiB RAM + 1 GiB swap = 1,310,720 pages; totalpages / 1000 = 1310 (integer division first).
        OomCandidate task = task(7, 50_000, 2_000, 40_960, 300, OomExemption.NONE);
        assertEquals(50_000 + 2_000 + 10 + 300L * 1310, LinuxOom.badness(task, 1_310_720, 4096));
    }

    @Test
    void theLargestBadnessIsKilled() {
        assertEquals(OomDecision.kill(3), decide(1_000_000,
                task(2, 100, 0, 0, 0, OomExemption.NONE),
                task(3, 900, 0, 0, 0, OomExemption.NONE),
                task(4, 500, 0, 0, 0, OomExemption.NONE)));
    }

    @Test
    void oomScoreAdjOutweighsSize() {
        // 1000 pages + 500 × 1000 beats 100,000 pages.
        assertEquals(OomDecision.kill(2), decide(1_000_000,
                task(2, 1_000, 0, 0, 500, OomExemption.NONE),
                task(3, 100_000, 0, 0, 0, OomExemption.NONE)));
    }

    @Test
    void aTieGoesToTheLaterTask() {
        assertEquals(OomDecision.kill(9), decide(1_000_000,
                task(5, 700, 0, 0, 0, OomExemption.NONE),
                task(9, 700, 0, 0, 0, OomExemption.NONE)));
    }

    @Test
    void unkillableTasksAreNeverChosenHoweverLarge() {
        assertEquals(OomDecision.kill(8), decide(1_000_000,
                task(1, 9_000_000, 0, 0, 0, OomExemption.INIT),
                task(2, 9_000_000, 0, 0, 0, OomExemption.KERNEL_THREAD),
                task(3, 9_000_000, 0, 0, -1000, OomExemption.NONE),
                task(8, 1, 0, 0, -999, OomExemption.NONE)));
    }

    @Test
    void nothingKillableIsADeadlockPanic() {
        assertEquals(OomDecision.panic("System is deadlocked on memory"),
                decide(1_000_000, task(1, 10, 0, 0, 0, OomExemption.INIT)));
    }
}
