package org.mmsim.spi;

/**
 * Why {@code oom_badness()} would never choose a task ({@code oom_unkillable_task()} and the checks before the
 * score in mm/oom_kill.c), or {@link #NONE}.
 */
public enum OomExemption {
    /** Nothing exempts the task; it is killable unless its oom_score_adj is -1000. */
    NONE,
    /** The global init process, pid 1. */
    INIT,
    /** A kernel thread (PF_KTHREAD), which has no user memory to free. */
    KERNEL_THREAD,
    /** Already reaped or exiting (MMF_OOM_SKIP). */
    OOM_SKIP,
    /** In the middle of vfork(), sharing its parent's memory. */
    VFORK
}
