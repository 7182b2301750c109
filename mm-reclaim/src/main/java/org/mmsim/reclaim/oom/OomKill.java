package org.mmsim.reclaim.oom;

import com.google.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.mmsim.api.KernelLog;
import org.mmsim.api.MachineEvents;
import org.mmsim.api.KernelPanicException;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.paging.MmCounters;
import org.mmsim.api.paging.Processes;
import org.mmsim.api.paging.TaskInfo;
import org.mmsim.api.paging.VmFlags;
import org.mmsim.api.paging.VmaInfo;
import org.mmsim.api.physical.Gfp;
import org.mmsim.api.physical.PageAllocator;
import org.mmsim.api.physical.PhysicalMemory;
import org.mmsim.api.physical.ZoneInfo;
import org.mmsim.api.reclaim.OomKiller;
import org.mmsim.api.reclaim.OomVictimSelector;
import org.mmsim.api.reclaim.Swap;
import org.mmsim.spi.OomCandidate;
import org.mmsim.spi.OomDecision;
import org.mmsim.spi.OomExemption;
import org.mmsim.spi.OomRequest;
import org.mmsim.api.stat.VmItem;
import org.mmsim.api.stat.VmStat;
import org.mmsim.api.time.SimClock;

/**
 * The OOM killer, after mm/oom_kill.c of Linux 6.18. {@code out_of_memory()} runs when the page allocator's reclaim
 * could free nothing for an allocation that may not fail:
 * <ol>
 *   <li>an allocation without __GFP_FS does not kill (the killer does not make up for reclaim that could not do
 *       I/O); Linux then retries it for ever, waiting on others' reclaim, which a one-thread machine never runs, so
 *       here it fails;</li>
 *   <li>{@code constrained_alloc()}: an allocation whose nodemask leaves out a node with memory (a memory policy's)
 *       is CONSTRAINT_MEMORY_POLICY, relative to the mask's nodes' present pages and swap, and only the tasks in its
 *       domain ({@code mempolicy_in_oom_domain()}) are candidates and listed; any other is CONSTRAINT_NONE, relative
 *       to {@code totalram_pages() + total_swap_pages} (no cpuset or memory cgroup limits one here);</li>
 *   <li>{@code check_panic_on_oom()}: with {@code vm.panic_on_oom} 1 or 2 the report's header is printed and the
 *       machine panics;</li>
 *   <li>with {@code vm.oom_kill_allocating_task} the allocating task is the victim if it may be killed;</li>
 *   <li>otherwise {@code select_bad_process()}: the machine's OOM policy plugin chooses among every task (the
 *       default, {@code linux}, by {@code oom_badness()}); its answer is checked ({@link OomVictimSelector}); with
 *       nothing killable it answers a panic, which the kernel precedes with "Out of memory and no killable
 *       processes...";</li>
 *   <li>{@code oom_kill_process()}: {@code dump_header()} (the {@code invoked oom-killer} line, the stack dump
 *       ({@link OomCallTrace}), {@code Mem-Info:},
 *       the task table unless {@code vm.oom_dump_tasks} is 0) and {@code dump_oom_victim()}, both under the
 *       {@code oom_rs} rate limit (10 reports in 5 s, then {@code oom_kill_process: N callbacks suppressed} when the
 *       next interval opens), oom_kill counted, the {@code Killed process} line, and the kill.</li>
 * </ol>
 *
 * <p>The kill: Linux sends SIGKILL, the oom_reaper unmaps the victim's private memory after OOM_REAPER_DELAY (two
 * seconds) unless the victim has exited by then, and the exit frees the rest. A killed task here never runs again,
 * so nothing can race with the reaper: the victim's memory is reaped and its exit done at once
 * ({@link Processes#exit}), and the reaper's line, with what the victim still had once its anonymous and private
 * mappings were gone (its shared file and shmem pages), follows the kill. A victim is gone before the next OOM, so
 * the wait for a victim still exiting ({@code oom_evaluate_task()}'s abort) never happens. When the victim is the
 * allocating task itself, its allocation is not retried: it fails, and the task, gone, sees its fault or call end
 * ({@link Processes#OOM_KILLED}), as an OOM victim's allocation fails in {@code __alloc_pages_slowpath()} once it
 * has used its reserves.
 *
 * <p>Not modelled: {@code dump_stack()}'s call trace, the unreclaimable slab dump, memory
 * cgroups ({@code oom.group}), and processes sharing an address space (none do here).
 */
public final class OomKill implements OomKiller {
    private static final int PAGE_SIZE = MachineConfig.PAGE_SIZE;

    private final Processes processes;
    private final OomVictimSelector selector;
    private final KernelLog log;
    private final MachineEvents events;
    private final VmStat vmstat;
    private final PhysicalMemory memory;
    private final Swap swap;
    private final ShowMem showMem;
    private final int nodes;
    /** {@code oom_kill_process()}'s {@code oom_rs}: a fork bomb's kills do not flood the log with reports. */
    private final RatelimitState oomRs;
    private int panicOnOom;
    private int oomKillAllocatingTask;
    private int oomDumpTasks = 1;

    @Inject
    public OomKill(Processes processes, OomVictimSelector selector, KernelLog log, MachineEvents events, VmStat vmstat,
                   PhysicalMemory memory, org.mmsim.api.kernel.PageFrames frames, Swap swap, MachineConfig config,
                   SimClock clock) {
        this.processes = processes;
        this.events = events;
        this.selector = selector;
        this.log = log;
        this.vmstat = vmstat;
        this.memory = memory;
        this.swap = swap;
        this.showMem = new ShowMem(vmstat, memory, frames, swap, config);
        this.nodes = config.nodes();
        this.oomRs = new RatelimitState(clock, log, RatelimitState.DEFAULT_RATELIMIT_INTERVAL,
                RatelimitState.DEFAULT_RATELIMIT_BURST);
    }

    /** {@code totalram_pages() + total_swap_pages}: what badness is relative to. */
    private long totalPages() {
        return memory.totalRamPages() + swap.totalPages();
    }

    /** A task as the policy sees it; init is exempt ({@code is_global_init()}), no task here is a kernel thread. */
    static OomCandidate candidate(TaskInfo t) {
        MmCounters c = t.counters();
        return new OomCandidate(t.pid(), t.uid(), t.name(), c.totalVm(), c.rssAnon(), c.rssFile(), c.rssShmem(),
                c.swapEntries(), c.pgtablesBytes(), t.oomScoreAdj(), t.startNanos(),
                t.pid() == 1 ? OomExemption.INIT : OomExemption.NONE);
    }

    /**
     * {@code oom_badness()}: resident pages, swap entries and page-table pages, plus {@code oom_score_adj} times a
     * thousandth of {@code totalPages} (divided first, in integers, as the kernel does); {@link Long#MIN_VALUE} for
     * a task that may never be chosen.
     */
    static long badness(OomCandidate t, long totalPages) {
        if (!t.killable()) {
            return Long.MIN_VALUE;
        }
        long points = t.rss() + t.swapEntries() + t.pgtablesBytes() / PAGE_SIZE;
        return points + (long) t.oomScoreAdj() * (totalPages / 1000);
    }

    /**
     * {@code proc_oom_score()} in fs/proc/base.c: {@code (1000 + badness * 1000 / totalpages) * 2 / 3}, in 0 to
     * 2000, and 0 for a task never chosen.
     */
    static long oomScore(long badness, long totalPages) {
        return badness == Long.MIN_VALUE ? 0 : (1000 + badness * 1000 / totalPages) * 2 / 3;
    }

    @Override
    public long badness(int pid) {
        return badness(candidate(processes.task(pid)), totalPages());
    }

    @Override
    public long oomScore(int pid) {
        long total = totalPages();
        return oomScore(badness(candidate(processes.task(pid)), total), total);
    }

    /**
     * {@code constrained_alloc()}: the nodemask of a CONSTRAINT_MEMORY_POLICY OOM, or
     * {@link PageAllocator#ALL_NODES} for CONSTRAINT_NONE (a __GFP_THISNODE allocation is never constrained).
     */
    private long constraint(int gfp, long nodemask) {
        long memoryNodes = 0;
        for (ZoneInfo zone : memory.zones()) {
            memoryNodes |= zone.managed() > 0 ? 1L << zone.node() : 0;
        }
        boolean policy = (gfp & Gfp.__GFP_THISNODE) == 0 && (memoryNodes & ~nodemask) != 0;
        return policy ? nodemask : PageAllocator.ALL_NODES;
    }

    /** {@code oc->totalpages} of a constrained OOM: the present pages of the mask's nodes, and swap. */
    private long totalPages(long nodemask) {
        if (nodemask == PageAllocator.ALL_NODES) {
            return totalPages();
        }
        long pages = swap.totalPages();
        for (ZoneInfo zone : memory.zones()) {
            pages += (nodemask >>> zone.node() & 1) != 0 ? zone.present() : 0;
        }
        return pages;
    }

    @Override
    public boolean outOfMemory(int gfp, int order, long nodemask) {
        if ((gfp & Gfp.__GFP_FS) == 0) {
            return false;
        }
        long constraint = constraint(gfp, nodemask);
        List<OomCandidate> candidates = new ArrayList<>();
        for (TaskInfo t : processes.tasks()) {
            // oom_cpuset_eligible(): a constrained OOM passes over tasks that have no memory on its nodes.
            if (constraint == PageAllocator.ALL_NODES || processes.mempolicies().inOomDomain(t.pid(), constraint)) {
                candidates.add(candidate(t));
            }
        }
        int currentPid = processes.current();
        OomCandidate current = null;
        for (OomCandidate c : candidates) {
            if (c.pid() == currentPid) {
                current = c;
            }
        }
        if (panicOnOom == 2 || panicOnOom == 1 && constraint == PageAllocator.ALL_NODES) {
            // check_panic_on_oom(): panic_on_oom 1 spares constrained OOMs.
            dumpHeader(gfp, order, current, candidates, false);
            throw panic("Out of memory: " + (panicOnOom == 2 ? "compulsory" : "system-wide") + " panic_on_oom is enabled");
        }
        if (oomKillAllocatingTask != 0 && current != null && current.killable()) {
            return kill(gfp, order, constraint, current, current, candidates, "Out of memory (oom_kill_allocating_task)");
        }
        OomDecision decision = selector.selectBadProcess(new OomRequest(candidates, totalPages(constraint), PAGE_SIZE, gfp,
                order));
        if (decision instanceof OomDecision.Panic) {
            dumpHeader(gfp, order, current, candidates, false);
            if (candidates.stream().noneMatch(OomCandidate::killable)) {
                log.printk(OomMessages.NO_KILLABLE);
            }
            throw panic(((OomDecision.Panic) decision).reason());
        }
        int pid = ((OomDecision.Kill) decision).pid();
        OomCandidate victim = candidates.stream().filter(c -> c.pid() == pid).findFirst().orElseThrow();
        return kill(gfp, order, constraint, current, victim, candidates, "Out of memory");
    }

    /** {@code oom_kill_process()} and {@code __oom_kill_process()}; true if memory was freed for someone else. */
    private boolean kill(int gfp, int order, long constraint, OomCandidate current, OomCandidate victim, List<OomCandidate> candidates,
                         String message) {
        // mm/oom_kill.c: the header and the victim's summary are rate limited, the kill and the reaper's lines not.
        if (oomRs.ratelimit("oom_kill_process")) {
            dumpHeader(gfp, order, current, candidates, true);
            log.printk(OomMessages.victim(nodes, constraint, victim));
        }
        vmstat.inc(VmItem.OOM_KILL);
        log.printk(OomMessages.killed(message, victim));
        // __oom_reap_task_mm() unmaps anonymous and private mappings; shared file and shmem mappings stay.
        long shared = 0;
        for (VmaInfo vma : processes.vmas(victim.pid())) {
            if ((vma.flags() & VmFlags.VM_SHARED) != 0) {
                shared += vma.smaps().rss() / PAGE_SIZE;
            }
        }
        long shmemLeft = Math.min(victim.rssShmem(), shared);
        long kb = PAGE_SIZE / 1024;
        events.oomKill(victim.pid(), victim.name(), victim.totalVm() * kb, victim.rssAnon() * kb, victim.rssFile() * kb,
                victim.rssShmem() * kb, victim.oomScoreAdj(), message);
        processes.exit(victim.pid());
        log.printk(OomMessages.reaped(victim.pid(), victim.name(), 0, shared - shmemLeft, shmemLeft));
        return current == null || victim.pid() != current.pid();
    }

    /** {@code dump_header()}: who invoked the killer and how, the memory, and the tasks. */
    private void dumpHeader(int gfp, int order, OomCandidate current, List<OomCandidate> candidates, boolean killing) {
        // With no task run yet, an allocation is the idle task's: swapper, pid 0.
        String comm = current == null ? "swapper/0" : current.name();
        log.printk(OomMessages.invoked(comm, gfp, order, current == null ? 0 : current.oomScoreAdj()));
        OomCallTrace.of(processes.currentCpu(), current == null ? 0 : current.uid(), current == null ? 0 : current.pid(),
                comm, gfp, killing).forEach(log::printk);
        showMem.lines().forEach(log::printk);
        if (oomDumpTasks != 0) {
            log.printk(OomMessages.TASKS_TITLE);
            log.printk(OomMessages.TASKS_HEADER);
            for (OomCandidate t : candidates) {
                // dump_task() leaves out what oom_unkillable_task() rules out: init and kernel threads.
                if (t.exemption() != OomExemption.INIT && t.exemption() != OomExemption.KERNEL_THREAD) {
                    log.printk(OomMessages.task(t));
                }
            }
        }
    }

    /** {@code panic()}: its first and last lines; the machine stops. */
    private KernelPanicException panic(String reason) {
        log.printk("Kernel panic - not syncing: " + reason);
        log.printk("---[ end Kernel panic - not syncing: " + reason + " ]---");
        return new KernelPanicException(reason);
    }

    @Override
    public int panicOnOom() {
        return panicOnOom;
    }

    @Override
    public void setPanicOnOom(int value) {
        // proc_dointvec_minmax() between SYSCTL_ZERO and SYSCTL_TWO.
        if (value < 0 || value > 2) {
            throw new IllegalArgumentException("vm.panic_on_oom " + value + "; expected 0, 1 or 2");
        }
        panicOnOom = value;
    }

    @Override
    public int oomKillAllocatingTask() {
        return oomKillAllocatingTask;
    }

    @Override
    public void setOomKillAllocatingTask(int value) {
        oomKillAllocatingTask = value;
    }

    @Override
    public int oomDumpTasks() {
        return oomDumpTasks;
    }

    @Override
    public void setOomDumpTasks(int value) {
        oomDumpTasks = value;
    }
}
