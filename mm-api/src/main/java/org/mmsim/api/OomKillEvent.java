package org.mmsim.api;

/**
 * One kill by the OOM killer, with the figures of its {@code Killed process} line (mm/oom_kill.c).
 *
 * @param nanos simulated time since boot
 * @param pid the victim
 * @param name its command name
 * @param totalVmKb its virtual memory
 * @param anonRssKb its resident anonymous memory
 * @param fileRssKb its resident file pages
 * @param shmemRssKb its resident shared memory
 * @param oomScoreAdj its {@code oom_score_adj}
 * @param reason {@code Out of memory}, or {@code Out of memory (oom_kill_allocating_task)}
 */
public record OomKillEvent(long nanos, int pid, String name, long totalVmKb, long anonRssKb, long fileRssKb,
                           long shmemRssKb, int oomScoreAdj, String reason) {
}
