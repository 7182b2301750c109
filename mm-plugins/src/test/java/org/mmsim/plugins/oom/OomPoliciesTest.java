package org.mmsim.plugins.oom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mmsim.plugins.oom.OomTasks.request;
import static org.mmsim.plugins.oom.OomTasks.swapper;
import static org.mmsim.plugins.oom.OomTasks.task;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmsim.spi.OomDecision;
import org.mmsim.spi.OomExemption;
import org.mmsim.spi.OomPolicyProvider;
import org.mmsim.spi.OomRequest;
import org.mmsim.spi.PolicyArguments;

class OomPoliciesTest {
    private static OomDecision decide(OomPolicyProvider provider, OomRequest request) {
        return provider.create(PolicyArguments.resolve(provider.parameters(), java.util.Map.of())).decide(request);
    }

    /** init, a kernel thread, an OOM-disabled task and a reaped task: large, and none of them killable. */
    private static final OomRequest NOTHING_KILLABLE = request(
            task(1, 9000, 0, 0, 0, 0, OomExemption.INIT),
            task(2, 0, 0, 0, 0, 0, OomExemption.KERNEL_THREAD),
            task(300, 9000, 9000, 0, -1000, 5),
            task(400, 9000, 0, 0, 1000, 9, OomExemption.OOM_SKIP));

    @Test
    void largestRssCountsAnonFileAndShmemAndGivesTiesToTheLaterTask() {
        OomRequest request = request(
                task(1, 50_000, 0, 0, 0, 0, OomExemption.INIT),   // largest, but init
                task(100, 100, 100, 100, 0, 10),                   // rss 300
                swapper(150, 250, 100_000, 1000),                  // rss 250: swap and oom_score_adj do not count
                task(200, 0, 0, 299, 0, 20),                       // rss 299
                task(300, 300, 0, 0, -999, 30),                    // rss 300, ties with 100: the later task
                task(400, 90_000, 0, 0, -1000, 40));               // oom_score_adj -1000: never
        assertEquals(OomDecision.kill(300), decide(new LargestRss(), request));
        assertEquals(OomDecision.kill(300), decide(new LargestRss(), request(task(7, 0, 0, 0, 0, 0), task(300, 0, 0, 0, 0, 0))));
    }

    @Test
    void priorityTakesTheHighestBandThenTheLargestRssThenTheEarlierTask() {
        OomRequest request = request(
                task(10, 100_000, 0, 0, 0, 0),      // foreground, largest: a lower band
                task(20, 50, 0, 0, 900, 0),
                task(30, 40, 40, 0, 900, 0),        // rss 80
                task(40, 0, 80, 0, 900, 0),         // rss 80, ties with 30: the earlier task stays chosen
                task(50, 0, 0, 0, 1000, 0),         // highest band but nothing resident: skipped
                task(60, 500, 0, 0, 950, 0, OomExemption.VFORK)); // higher band, but unkillable
        assertEquals(OomDecision.kill(30), decide(new Priority(), request));
        // The highest band present wins whatever the sizes: 901 over 900.
        assertEquals(OomDecision.kill(70), decide(new Priority(), request(task(10, 100_000, 0, 0, 900, 0), task(70, 1, 0, 0, 901, 0))));
    }

    @Test
    void priorityKillsAnEmptyTaskOnlyWhenEveryKillableTaskIsEmpty() {
        OomRequest request = request(task(10, 0, 0, 0, 100, 0), task(20, 0, 0, 0, 500, 0), task(30, 0, 0, 0, 500, 0),
                task(40, 9000, 0, 0, 800, 0, OomExemption.OOM_SKIP));
        assertEquals(OomDecision.kill(20), decide(new Priority(), request));
    }

    @Test
    void youngestKillsTheLatestStartAndBreaksTiesByTheLargerPid() {
        OomRequest request = request(
                task(1, 10, 0, 0, 0, 9_000, OomExemption.INIT),
                task(10, 90_000, 0, 0, 1000, 100),
                task(20, 1, 0, 0, -500, 700),
                task(25, 1, 0, 0, 0, 700),          // same start as 20: the larger pid
                task(30, 5, 0, 0, -1000, 800),      // later, but oom_score_adj -1000
                task(40, 5, 0, 0, 0, 900, OomExemption.KERNEL_THREAD));
        assertEquals(OomDecision.kill(25), decide(new Youngest(), request));
    }

    @Test
    void panicOnOomPanicsWithTheKernelsMessageWhateverIsKillable() {
        OomDecision expected = OomDecision.panic("Out of memory: system-wide panic_on_oom is enabled");
        assertEquals(expected, decide(new PanicOnOom(), request(task(10, 100, 0, 0, 0, 0))));
        assertEquals(expected, decide(new PanicOnOom(), NOTHING_KILLABLE));
        assertEquals(expected, decide(new PanicOnOom(), request()));
    }

    @Test
    void everyKillingPolicyPanicsAsLinuxDoesWhenNothingIsKillable() {
        for (OomPolicyProvider provider : List.of(new LargestRss(), new Priority(), new Youngest(), new LinuxOom())) {
            assertEquals(OomDecision.panic("System is deadlocked on memory"), decide(provider, NOTHING_KILLABLE), provider.name());
            assertEquals(OomDecision.panic("System is deadlocked on memory"), decide(provider, request()), provider.name());
        }
    }
}
