package org.mmsim.api.reclaim;

/**
 * The OOM killer (mm/oom_kill.c): what the page allocator runs when reclaim can free nothing for an allocation that
 * may not fail ({@code out_of_memory()}), the badness /proc/PID/oom_score shows, and its three vm sysctls.
 */
public interface OomKiller {
    /**
     * {@code out_of_memory()}: prints the kernel's report and kills the task the OOM policy chooses (or the
     * allocating task with {@code vm.oom_kill_allocating_task}); the victim's memory is freed at once. A nodemask
     * that leaves out a node with memory makes the OOM {@code CONSTRAINT_MEMORY_POLICY} ({@code constrained_alloc()}):
     * badness is relative to the mask's nodes' memory and swap, and a task whose MPOL_BIND policy has none of the
     * mask's nodes is not a candidate.
     *
     * @param nodemask the allocation's nodes, bit n for node n ({@code PageAllocator.ALL_NODES} for every node)
     *
     * @return whether memory was freed for the allocation to retry: false if nothing was killed, or if the victim
     *     was the allocating task itself, whose allocation then fails
     * @throws org.mmsim.api.KernelPanicException with {@code vm.panic_on_oom}, or if nothing can be killed
     * @throws org.mmsim.spi.PluginFailureException if the OOM policy fails
     */
    boolean outOfMemory(int gfp, int order, long nodemask);

    /**
     * {@code oom_badness()} of a live process against RAM plus swap: its resident, swapped and page-table pages
     * plus {@code oom_score_adj} thousandths of memory; {@link Long#MIN_VALUE} for a task never chosen (init, or
     * {@code oom_score_adj} -1000).
     */
    long badness(int pid);

    /** {@code /proc/PID/oom_score} ({@code proc_oom_score()}): the badness scaled to 0 to 2000; 0 if never chosen. */
    long oomScore(int pid);

    /** {@code vm.panic_on_oom}: 0 kills, 1 panics on a system-wide OOM, 2 panics on every OOM. */
    int panicOnOom();

    /** @throws IllegalArgumentException for a value other than 0, 1 or 2, as the kernel refuses it (EINVAL) */
    void setPanicOnOom(int value);

    /** {@code vm.oom_kill_allocating_task}: non-zero kills the task whose allocation failed, if it may be killed. */
    int oomKillAllocatingTask();

    void setOomKillAllocatingTask(int value);

    /** {@code vm.oom_dump_tasks}: non-zero prints the task table in the report (the default, 1). */
    int oomDumpTasks();

    void setOomDumpTasks(int value);
}
