package org.mmsim.reclaim.oom;

import org.mmsim.api.physical.Gfp;
import org.mmsim.spi.OomCandidate;

/**
 * The lines of the OOM killer's report, in the formats of mm/oom_kill.c in Linux 6.18: {@code dump_header()}'s
 * first line, {@code dump_tasks()}'s table, {@code dump_oom_victim()}'s summary, {@code __oom_kill_process()}'s
 * kill and {@code oom_reap_task_mm()}'s reaping. Memory figures are pages in the table and kB (pages × 4) elsewhere,
 * as the kernel prints them.
 */
final class OomMessages {
    /** {@code dump_tasks()}'s title. */
    static final String TASKS_TITLE = "Tasks state (memory values in pages):";
    /** {@code dump_tasks()}'s column header. */
    static final String TASKS_HEADER = "[  pid  ]   uid  tgid total_vm      rss rss_anon rss_file rss_shmem pgtables_bytes swapents oom_score_adj name";
    /** {@code out_of_memory()}'s warning before it panics for want of a victim. */
    static final String NO_KILLABLE = "Out of memory and no killable processes...";

    private OomMessages() {
    }

    private static long k(long pages) {
        return pages << 2;
    }

    /** {@code "%s invoked oom-killer: gfp_mask=%#x(%pGg), order=%d, oom_score_adj=%d"}. */
    static String invoked(String comm, int gfp, int order, int oomScoreAdj) {
        return String.format("%s invoked oom-killer: gfp_mask=%s, order=%d, oom_score_adj=%d", comm, Gfp.describe(gfp), order,
                oomScoreAdj);
    }

    /** One row of {@code dump_task()}: {@code "[%7d] %5d %5d %8lu %8lu %8lu %8lu %9lu %8ld %8lu         %5hd %s"}. */
    static String task(OomCandidate t) {
        // A process here is one thread, so its tgid is its pid.
        return String.format("[%7d] %5d %5d %8d %8d %8d %8d %9d %8d %8d         %5d %s", t.pid(), t.uid(), t.pid(), t.totalVm(),
                t.rss(), t.rssAnon(), t.rssFile(), t.rssShmem(), t.pgtablesBytes(), t.swapEntries(), t.oomScoreAdj(), t.name());
    }

    /**
     * {@code dump_oom_victim()}: the constraint (a memory policy's, or none: no cpuset or memory cgroup here) with
     * its nodemask ({@code %*pbl}, {@code (null)} for none), the nodes current may use, the root cgroup, and the
     * victim.
     *
     * @param constraint the nodemask of a CONSTRAINT_MEMORY_POLICY OOM, or -1 for CONSTRAINT_NONE
     */
    static String victim(int nodes, long constraint, OomCandidate victim) {
        String mems = nodes == 1 ? "0" : "0-" + (nodes - 1);
        String kind = constraint == -1 ? "CONSTRAINT_NONE,nodemask=(null)"
                : "CONSTRAINT_MEMORY_POLICY,nodemask=" + org.mmsim.api.paging.MemoryPolicies.nodeList(constraint);
        return String.format("oom-kill:constraint=%s,cpuset=/,mems_allowed=%s,global_oom,"
                + "task_memcg=/,task=%s,pid=%d,uid=%d", kind, mems, victim.name(), victim.pid(), victim.uid());
    }

    /**
     * {@code __oom_kill_process()}: {@code "%s: Killed process %d (%s) total-vm:%lukB, anon-rss:%lukB,
     * file-rss:%lukB, shmem-rss:%lukB, UID:%u pgtables:%lukB oom_score_adj:%d"}.
     */
    static String killed(String message, OomCandidate v) {
        return String.format("%s: Killed process %d (%s) total-vm:%dkB, anon-rss:%dkB, file-rss:%dkB, shmem-rss:%dkB, UID:%d "
                + "pgtables:%dkB oom_score_adj:%d", message, v.pid(), v.name(), k(v.totalVm()), k(v.rssAnon()), k(v.rssFile()),
                k(v.rssShmem()), v.uid(), v.pgtablesBytes() >> 10, v.oomScoreAdj());
    }

    /** {@code oom_reap_task_mm()}: what the victim still has once its private memory is unmapped. */
    static String reaped(int pid, String comm, long anonPages, long filePages, long shmemPages) {
        return String.format("oom_reaper: reaped process %d (%s), now anon-rss:%dkB, file-rss:%dkB, shmem-rss:%dkB", pid, comm,
                k(anonPages), k(filePages), k(shmemPages));
    }
}
