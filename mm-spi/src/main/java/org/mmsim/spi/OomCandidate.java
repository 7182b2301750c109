package org.mmsim.spi;

import java.util.Objects;

/**
 * One task as the OOM killer sees it: the figures of {@code dump_task()}'s table and of {@code oom_badness()}.
 * Memory figures are in pages, as Linux counts them, except page tables, which {@code pgtables_bytes} counts in bytes.
 *
 * @param pid the process id
 * @param uid the owner's user id
 * @param name the command name ({@code comm})
 * @param totalVm mapped virtual memory, in pages ({@code total_vm})
 * @param rssAnon resident anonymous pages ({@code MM_ANONPAGES})
 * @param rssFile resident file-backed pages ({@code MM_FILEPAGES})
 * @param rssShmem resident shared-memory pages ({@code MM_SHMEMPAGES})
 * @param swapEntries pages in swap ({@code MM_SWAPENTS})
 * @param pgtablesBytes bytes of page tables ({@code mm_pgtables_bytes()})
 * @param oomScoreAdj the task's {@code oom_score_adj}, from -1000 to 1000
 * @param startNanos when the task started, in simulated nanoseconds since boot (larger is younger)
 * @param exemption why the task may never be chosen, or {@link OomExemption#NONE}
 */
public record OomCandidate(int pid, int uid, String name, long totalVm, long rssAnon, long rssFile, long rssShmem,
                           long swapEntries, long pgtablesBytes, int oomScoreAdj, long startNanos,
                           OomExemption exemption) {
    /** {@code OOM_SCORE_ADJ_MIN}: a task with this oom_score_adj is never killed. */
    public static final int OOM_SCORE_ADJ_MIN = -1000;
    /** {@code OOM_SCORE_ADJ_MAX}. */
    public static final int OOM_SCORE_ADJ_MAX = 1000;

    public OomCandidate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(exemption, "exemption");
        if (pid < 0) {
            throw new IllegalArgumentException("pid " + pid + "; expected 0 or more");
        }
        if (oomScoreAdj < OOM_SCORE_ADJ_MIN || oomScoreAdj > OOM_SCORE_ADJ_MAX) {
            throw new IllegalArgumentException("oom_score_adj " + oomScoreAdj + " of pid " + pid + "; expected -1000 to 1000");
        }
        if (totalVm < 0 || rssAnon < 0 || rssFile < 0 || rssShmem < 0 || swapEntries < 0 || pgtablesBytes < 0) {
            throw new IllegalArgumentException("a negative memory figure for pid " + pid);
        }
    }

    /** Resident pages: {@code get_mm_rss()}, anon + file + shmem. */
    public long rss() {
        return rssAnon + rssFile + rssShmem;
    }

    /** Whether any policy may choose this task: not exempt, and oom_score_adj above -1000. */
    public boolean killable() {
        return exemption == OomExemption.NONE && oomScoreAdj != OOM_SCORE_ADJ_MIN;
    }
}
