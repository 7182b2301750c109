package org.mmsim.plugins.oom;

/** What the OOM policies of this package share. */
final class Oom {
    /** The panic of {@code out_of_memory()} when {@code select_bad_process()} found no killable task. */
    static final String DEADLOCKED = "System is deadlocked on memory";

    private Oom() {
    }
}
