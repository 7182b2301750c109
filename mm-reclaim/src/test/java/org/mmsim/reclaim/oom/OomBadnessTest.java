package org.mmsim.reclaim.oom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.mmsim.api.physical.Gfp;
import org.mmsim.spi.OomCandidate;
import org.mmsim.spi.OomExemption;

/**
 * oom_badness() and proc_oom_score() worked by hand, and the report's lines against a real kernel's: the figures of
 * a stress-ng OOM logged by Linux 6.11 (whose dump_task(), dump_oom_victim() and __oom_kill_process() formats 6.18
 * keeps) give back its lines character for character.
 */
class OomBadnessTest {
    private static OomCandidate task(int pid, long rssAnon, long pgtablesBytes, int adj) {
        return new OomCandidate(pid, 1000, "t" + pid, rssAnon + 100, rssAnon, 0, 0, 0, pgtablesBytes, adj, 0, OomExemption.NONE);
    }

    @Test
    void badnessIsResidentSwapAndPageTablePagesPlusAdjThousandthsOfMemory() {
        // 10000 resident pages, 40960 bytes of page tables (10 pages); totalpages 262144 gives 262 pages an adj point.
        assertEquals(10010, OomKill.badness(task(7, 10000, 40960, 0), 262144));
        assertEquals(10010 + 500 * 262, OomKill.badness(task(7, 10000, 40960, 500), 262144));
        assertEquals(10010 - 999 * 262, OomKill.badness(task(7, 10000, 40960, -999), 262144));
        OomCandidate swapped = new OomCandidate(8, 0, "s", 5000, 100, 20, 30, 400, 8192, 0, 0, OomExemption.NONE);
        assertEquals(100 + 20 + 30 + 400 + 2, OomKill.badness(swapped, 262144));
    }

    @Test
    void neverChosenTasksHaveNoBadnessAndScoreZero() {
        assertEquals(Long.MIN_VALUE, OomKill.badness(task(9, 10000, 0, -1000), 262144));
        OomCandidate init = new OomCandidate(1, 0, "init", 900, 800, 0, 0, 0, 0, 0, 0, OomExemption.INIT);
        assertEquals(Long.MIN_VALUE, OomKill.badness(init, 262144));
        assertEquals(0, OomKill.oomScore(Long.MIN_VALUE, 262144));
    }

    @Test
    void oomScoreScalesBadnessToZeroTo2000() {
        // (1000 + 10010 * 1000 / 262144) * 2 / 3 = (1000 + 38) * 2 / 3 = 692
        assertEquals(692, OomKill.oomScore(10010, 262144));
        // Badness of twice memory (all of it, and adj 1000 adds as much again): (1000 + 2000) * 2 / 3 = 2000
        assertEquals(2000, OomKill.oomScore(2 * 262144L, 262144));
        // Just under: 524144 * 1000 / 262144 = 1999, and (1000 + 1999) * 2 / 3 = 1999
        assertEquals(1999, OomKill.oomScore(262144 + 1000 * 262L, 262144));
        // Nothing resident at adj -999: (1000 - 998) * 2 / 3 = 1 (the division truncates toward zero, as C's does)
        assertEquals(1, OomKill.oomScore(-999 * 262L, 262144));
        assertEquals(666, OomKill.oomScore(1, 262144));
    }

    private static final OomCandidate STRESS = new OomCandidate(116, 0, "stress-ng-vm", 2628942, 1995157, 141, 0, 0, 16052224,
            1000, 0, OomExemption.NONE);

    @Test
    void theTaskRowIsDumpTasksFormat() {
        assertEquals("[  pid  ]   uid  tgid total_vm      rss rss_anon rss_file rss_shmem pgtables_bytes swapents oom_score_adj name",
                OomMessages.TASKS_HEADER);
        assertEquals("[    116]     0   116  2628942  1995298  1995157      141         0 16052224        0          1000 stress-ng-vm",
                OomMessages.task(STRESS));
        OomCandidate sh = new OomCandidate(111, 0, "sh", 431, 32, 257, 0, 0, 49152, 0, 0, OomExemption.NONE);
        assertEquals("[    111]     0   111      431      289       32      257         0    49152        0             0 sh",
                OomMessages.task(sh));
    }

    @Test
    void theVictimAndKillLinesAreTheKernels() {
        assertEquals("oom-kill:constraint=CONSTRAINT_NONE,nodemask=(null),cpuset=/,mems_allowed=0,global_oom,task_memcg=/,"
                + "task=stress-ng-vm,pid=116,uid=0", OomMessages.victim(1, -1, STRESS));
        assertEquals("Out of memory: Killed process 116 (stress-ng-vm) total-vm:10515768kB, anon-rss:7980628kB, file-rss:564kB, "
                + "shmem-rss:0kB, UID:0 pgtables:15676kB oom_score_adj:1000", OomMessages.killed("Out of memory", STRESS));
        assertEquals("oom_reaper: reaped process 116 (stress-ng-vm), now anon-rss:0kB, file-rss:0kB, shmem-rss:0kB",
                OomMessages.reaped(116, "stress-ng-vm", 0, 0, 0));
        assertEquals("Thread-2 invoked oom-killer: gfp_mask=0xcc0(GFP_KERNEL), order=0, oom_score_adj=969",
                OomMessages.invoked("Thread-2", Gfp.GFP_KERNEL, 0, 969));
        assertEquals("mems_allowed=0-3", OomMessages.victim(4, -1, STRESS).replaceAll(".*(mems_allowed=[^,]*).*", "$1"));
    }
}
