package org.mmsim.paging.mm;

import java.util.ArrayList;
import java.util.List;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.Thp;

/**
 * The kernel threads a Linux 6.18 kernel has started by the time its first program runs, in the order it starts
 * them: kthreadd first (kernel/kthread.c), the workqueue rescuers ({@code kworker/R-...}, kernel/workqueue.c), the
 * per-CPU threads of each CPU brought up (cpuhp, migration, ksoftirqd, a high-priority worker), RCU's, and the memory
 * management daemons: oom_reaper, kcompactd and kswapd per node, ksmd, and khugepaged when THP is not disabled. The
 * list follows a real 6.18 machine's {@code ps} (shared/design/linux-6.18-samples/ps.txt) without its transient
 * workers.
 */
public final class KernelThreads {
    private KernelThreads() {
    }

    /** The names, kthreadd first. */
    public static List<String> atBoot(MachineConfig config) {
        List<String> names = new ArrayList<>(List.of("kthreadd", "pool_workqueue_release", "kworker/R-rcu_gp",
                "kworker/R-sync_wq", "kworker/R-kvfree_rcu_reclaim", "kworker/R-slub_flushwq", "kworker/R-netns",
                "kworker/0:0H-kblockd", "kworker/R-mm_percpu_wq", "ksoftirqd/0", "rcu_preempt",
                "rcu_exp_par_gp_kthread_worker/0", "rcu_exp_gp_kthread_worker", "migration/0", "cpuhp/0"));
        for (int cpu = 1; cpu < config.cpus(); cpu++) {
            names.addAll(List.of("cpuhp/" + cpu, "migration/" + cpu, "ksoftirqd/" + cpu,
                    "kworker/" + cpu + ":0H-events_highpri"));
        }
        names.addAll(List.of("kdevtmpfs", "kworker/R-inet_frag_wq", "rcu_tasks_kthread", "rcu_tasks_rude_kthread",
                "rcu_tasks_trace_kthread", "kauditd", "khungtaskd", "oom_reaper", "kworker/R-writeback"));
        for (int node = 0; node < config.nodes(); node++) {
            names.add("kcompactd" + node);
        }
        names.add("ksmd");
        if (config.thp() != Thp.NEVER) {
            names.add("khugepaged");
        }
        names.addAll(List.of("kworker/R-kblockd", "kworker/R-blkcg_punt_bio", "watchdogd"));
        for (int node = 0; node < config.nodes(); node++) {
            names.add("kswapd" + node);
        }
        names.add("kworker/R-kthrotld");
        return names;
    }
}
