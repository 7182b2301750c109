package org.mmsim.tools.proc;

import org.mmsim.api.Arch;
import java.util.ArrayList;
import java.util.List;
import org.mmsim.api.paging.MmCounters;
import org.mmsim.api.paging.TaskInfo;
import org.mmsim.api.paging.VmFlags;
import org.mmsim.api.paging.MemSizeStats;
import org.mmsim.api.paging.SyscallException;
import org.mmsim.api.paging.VmaInfo;
import org.mmsim.tools.machine.SimulatedMachine;
import org.mmsim.tools.view.ProcTask;

/**
 * The per-process files of /proc and pmap(1), in the layouts of Linux 6.18 and procps: {@code status}
 * ({@code proc_pid_status()} with {@code task_mem()}), {@code maps} ({@code show_map_vma()}), {@code smaps}
 * ({@code show_smap()}), and {@code pmap -x}.
 */
public final class ProcessFiles {
    /** The column where a mapping's name starts in maps: {@code 25 + sizeof(void *) * 6 - 1} characters of prefix. */
    /**
     * The x86-64 vsyscall page ({@code gate_vma}): not a VMA of the process, but maps, smaps and so pmap show it after
     * the last one. In the default vsyscall=xonly mode it is execute-only, VM_EXEC alone, and never resident.
     */
    private static final VmaInfo VSYSCALL = new VmaInfo(0xffffffffff600000L, 0xffffffffff601000L, VmFlags.VM_EXEC, 0,
            "00:00", 0, "[vsyscall]", MemSizeStats.NONE, false, 4096);

    /** {@code MAX_NUMNODES} of x86-64 distribution kernels (NODES_SHIFT 10): the width of Mems_allowed. */
    private static final int MAX_NUMNODES = 1024;

    private ProcessFiles() {
    }

    /**
     * A bitmap of {@code width} bits with the low {@code set} bits set, as {@code %*pb} prints it ({@code bitmap_string()}):
     * 32-bit groups in hex, most significant first, separated by commas, each of 8 digits but the first, which has
     * only the digits its bits need.
     */
    static String bitmap(int set, int width) {
        StringBuilder s = new StringBuilder();
        for (int low = (width - 1) / 32 * 32; low >= 0; low -= 32) {
            int bits = Math.min(32, width - low);
            long group = set <= low ? 0 : set - low >= 32 ? 0xffffffffL : (1L << (set - low)) - 1;
            s.append(String.format("%0" + (bits + 3) / 4 + "x", group));
            if (low > 0) {
                s.append(',');
            }
        }
        return s.toString();
    }

    private static String kb(String label, long pages) {
        return String.format("%s\t%8d kB\n", label, pages << 2);
    }

    /** /proc/PID/io ({@code do_io_accounting()} in fs/proc/base.c): the task's I/O through the page cache. */
    public static String io(SimulatedMachine machine, int pid) {
        org.mmsim.api.kalloc.TaskIo io = machine.files().io(pid);
        return "rchar: " + io.rchar() + "\nwchar: " + io.wchar() + "\nsyscr: " + io.syscr() + "\nsyscw: " + io.syscw()
                + "\nread_bytes: " + io.readBytes() + "\nwrite_bytes: " + io.writeBytes() + "\ncancelled_write_bytes: "
                + io.cancelledWriteBytes() + "\n";
    }

    /** The kernel thread {@code pid}, or null if {@code pid} is a process's. */
    private static TaskInfo kernelThread(SimulatedMachine machine, int pid) {
        for (TaskInfo thread : machine.processes().kernelThreads()) {
            if (thread.pid() == pid) {
                return thread;
            }
        }
        return null;
    }

    /** Whether {@code pid} is a kernel thread: it has /proc files, but no memory map of its own. */
    public static boolean isKernelThread(SimulatedMachine machine, int pid) {
        return kernelThread(machine, pid) != null;
    }

    /**
     * A kernel thread's /proc/PID/status ({@code proc_pid_status()} with no mm): no Vm lines, no session, Kthread 1,
     * every signal ignored; a per-CPU thread (cpuhp/N, migration/N, ksoftirqd/N, kworker/N:...) allowed on its CPU
     * only.
     */
    private static String kernelThreadStatus(SimulatedMachine machine, TaskInfo t, char state) {
        int cpus = machine.config().cpus();
        java.util.regex.Matcher perCpu = java.util.regex.Pattern
                .compile("(?:cpuhp|migration|ksoftirqd)/(\\d+)|kworker/(\\d+):.*").matcher(t.name());
        String cpuList = cpus == 1 ? "0" : "0-" + (cpus - 1);
        String cpuMask = bitmap(cpus, cpus);
        if (perCpu.matches()) {
            int cpu = Integer.parseInt(perCpu.group(1) != null ? perCpu.group(1) : perCpu.group(2));
            cpuList = Integer.toString(cpu);
            cpuMask = String.format("%0" + (cpus + 3) / 4 + "x", 1L << cpu);
        }
        int pid = t.pid();
        StringBuilder s = new StringBuilder();
        // Every kernel thread shares init_fs, whose umask is 0022 (fs/fs_struct.c), as on the real machine.
        s.append("Name:\t").append(t.name()).append("\nUmask:\t0022\n");
        s.append("State:\t").append(stateName(state)).append('\n');
        s.append("Tgid:\t").append(pid).append("\nNgid:\t0\nPid:\t").append(pid).append("\nPPid:\t").append(t.ppid())
                .append("\nTracerPid:\t0\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nFDSize:\t64\nGroups:\t \nNStgid:\t")
                .append(pid).append("\nNSpid:\t").append(pid).append("\nNSpgid:\t0\nNSsid:\t0\nKthread:\t1\n");
        s.append("Threads:\t1\nSigQ:\t0/").append(machine.physicalMemory().totalRamPages() / 64).append('\n');
        s.append("SigPnd:\t0000000000000000\nShdPnd:\t0000000000000000\nSigBlk:\t0000000000000000\n");
        s.append("SigIgn:\tffffffffffffffff\nSigCgt:\t0000000000000000\n");
        s.append("CapInh:\t0000000000000000\nCapPrm:\t000001ffffffffff\nCapEff:\t000001ffffffffff\n");
        s.append("CapBnd:\t000001ffffffffff\nCapAmb:\t0000000000000000\nNoNewPrivs:\t0\nSeccomp:\t0\nSeccomp_filters:\t0\n");
        s.append("Speculation_Store_Bypass:\tvulnerable\nSpeculationIndirectBranch:\talways enabled\n");
        s.append("Cpus_allowed:\t").append(cpuMask).append("\nCpus_allowed_list:\t").append(cpuList).append('\n');
        s.append("Mems_allowed:\t").append(bitmap(machine.config().nodes(), MAX_NUMNODES)).append('\n');
        s.append("Mems_allowed_list:\t").append(machine.config().nodes() == 1 ? "0" : "0-" + (machine.config().nodes() - 1))
                .append('\n');
        s.append("voluntary_ctxt_switches:\t0\nnonvoluntary_ctxt_switches:\t0\n");
        return s.toString();
    }

    /** /proc/PID/status. */
    public static String status(SimulatedMachine machine, int pid) {
        return status(machine, pid, false);
    }

    /**
     * {@code task_state_array} (fs/proc/array.c): the name /proc/PID/status gives a state letter; a task being
     * scheduled is R, one waiting S, or D without being interruptible.
     */
    private static String stateName(char state) {
        switch (state) {
            case 'R':
                return "R (running)";
            case 'D':
                return "D (disk sleep)";
            case 'I':
                return "I (idle)";
            case 'T':
                return "T (stopped)";
            case 'Z':
                return "Z (zombie)";
            default:
                return "S (sleeping)";
        }
    }

    private static String status(SimulatedMachine machine, int pid, boolean reading) {
        TaskInfo thread = kernelThread(machine, pid);
        if (thread != null) {
            return kernelThreadStatus(machine, thread, ProcTask.of(thread, machine.cpuTimes().state(pid), 0).state());
        }
        TaskInfo t = machine.processes().task(pid);
        MmCounters c = t.counters();
        int cpus = machine.config().cpus();
        StringBuilder s = new StringBuilder();
        s.append("Name:\t").append(t.name()).append('\n');
        s.append("Umask:\t0022\n");
        char state = reading ? 'R' : ProcTask.of(t, machine.cpuTimes().state(pid), 0).state();
        s.append("State:\t").append(stateName(state)).append('\n');
        s.append("Tgid:\t").append(pid).append("\nNgid:\t0\nPid:\t").append(pid).append("\nPPid:\t").append(t.ppid())
                .append("\nTracerPid:\t0\n");
        s.append(String.format("Uid:\t%d\t%d\t%d\t%d\nGid:\t%d\t%d\t%d\t%d\n", t.uid(), t.uid(), t.uid(), t.uid(), t.uid(),
                t.uid(), t.uid(), t.uid()));
        s.append("FDSize:\t64\nGroups:\t \nNStgid:\t").append(pid).append("\nNSpid:\t").append(pid)
                .append("\nNSpgid:\t").append(pid).append("\nNSsid:\t").append(pid).append("\nKthread:\t0\n");
        s.append(kb("VmPeak:", c.hiwaterVm())).append(kb("VmSize:", c.totalVm())).append(kb("VmLck:", c.lockedVm()))
                .append(kb("VmPin:", c.pinnedVm())).append(kb("VmHWM:", Math.max(c.hiwaterRss(), c.rss())))
                .append(kb("VmRSS:", c.rss())).append(kb("RssAnon:", c.rssAnon())).append(kb("RssFile:", c.rssFile()))
                .append(kb("RssShmem:", c.rssShmem())).append(kb("VmData:", c.dataVm())).append(kb("VmStk:", c.stackVm()))
                .append(kb("VmExe:", c.exeVm())).append(kb("VmLib:", c.execVm() - c.exeVm()))
                .append(String.format("VmPTE:\t%8d kB\n", c.pgtablesBytes() >> 10)).append(kb("VmSwap:", c.swapEntries()))
                .append(kb("HugetlbPages:", c.hugetlbPages()));
        // RLIMIT_SIGPENDING is half of max_threads, which fork_init() sizes so that thread stacks (16 KiB on x86-64)
        // take an eighth of RAM: a 64th of its pages (96365 on the sample's 24 GiB).
        s.append("CoreDumping:\t0\nTHP_enabled:\t1\nuntag_mask:\t0xffffffffffffffff\nThreads:\t1\nSigQ:\t0/")
                .append(machine.physicalMemory().totalRamPages() / 64).append('\n');
        s.append("SigPnd:\t0000000000000000\nShdPnd:\t0000000000000000\nSigBlk:\t0000000000000000\n");
        s.append("SigIgn:\t0000000000000000\nSigCgt:\t0000000000000000\n");
        // Root holds every capability up to CAP_CHECKPOINT_RESTORE (40); other users none.
        String caps = t.uid() == 0 ? "000001ffffffffff" : "0000000000000000";
        s.append("CapInh:\t0000000000000000\nCapPrm:\t").append(caps).append("\nCapEff:\t").append(caps).append('\n');
        s.append("CapBnd:\t000001ffffffffff\nCapAmb:\t0000000000000000\nNoNewPrivs:\t0\nSeccomp:\t0\nSeccomp_filters:\t0\n");
        s.append("Speculation_Store_Bypass:\tvulnerable\nSpeculationIndirectBranch:\talways enabled\n");
        s.append("Cpus_allowed:\t").append(bitmap(cpus, cpus)).append("\nCpus_allowed_list:\t")
                .append(cpus == 1 ? "0" : "0-" + (cpus - 1)).append('\n');
        s.append("Mems_allowed:\t").append(bitmap(machine.config().nodes(), MAX_NUMNODES)).append('\n');
        s.append("Mems_allowed_list:\t").append(machine.config().nodes() == 1 ? "0" : "0-" + (machine.config().nodes() - 1))
                .append('\n');
        s.append("voluntary_ctxt_switches:\t0\nnonvoluntary_ctxt_switches:\t0\n");
        return s.toString();
    }

    /**
     * One maps line: {@code start-end perms offset dev inode}, then the name after padding to
     * {@code 25 + sizeof(void *) * 6 - 1} columns and a space ({@code show_map_vma()}): from column 73 on a 64-bit
     * kernel, 49 on a 32-bit one.
     */
    static String mapsLine(VmaInfo v, boolean is64) {
        String prefix = String.format("%08x-%08x %s %08x %s %d ", v.start(), v.end(), v.perms(), v.offset(), v.device(),
                v.inode());
        int column = 25 + (is64 ? 8 : 4) * 6;
        if (v.name().isEmpty()) {
            return prefix;
        }
        return (prefix.length() >= column ? prefix : prefix + " ".repeat(column - prefix.length())) + v.name();
    }

    private static boolean is64(SimulatedMachine machine) {
        return machine.config().arch() == Arch.X86_64;
    }

    /** The VMAs of a process, then on x86-64 the vsyscall page, as {@code proc_get_vma()} walks them. */
    private static List<VmaInfo> shown(SimulatedMachine machine, int pid) {
        if (isKernelThread(machine, pid)) {
            // No mm: no VMA, and no gate page either.
            return List.of();
        }
        List<VmaInfo> vmas = new ArrayList<>(machine.processes().vmas(pid));
        if (is64(machine)) {
            vmas.add(VSYSCALL);
        }
        return vmas;
    }

    /** /proc/PID/maps, with the x86-64 vsyscall page last. */
    public static String maps(SimulatedMachine machine, int pid) {
        StringBuilder s = new StringBuilder();
        for (VmaInfo v : shown(machine, pid)) {
            s.append(mapsLine(v, is64(machine))).append('\n');
        }
        return s.toString();
    }

    private static String smapsValue(String label, long bytes) {
        return String.format("%-16s%8d kB\n", label, bytes >> 10);
    }

    /** /proc/PID/smaps, with the x86-64 vsyscall page last. */
    public static String smaps(SimulatedMachine machine, int pid) {
        StringBuilder s = new StringBuilder();
        for (VmaInfo v : shown(machine, pid)) {
            s.append(mapsLine(v, is64(machine))).append('\n');
            s.append(smapsValue("Size:", v.size())).append(smapsValue("KernelPageSize:", v.pageSize()))
                    .append(smapsValue("MMUPageSize:", v.pageSize()));
            memSizeStats(s, v.smaps(), false);
            s.append(String.format("%-16s%8d\n", "THPeligible:", v.thpEligible() ? 1 : 0))
                    .append("VmFlags: ").append(VmFlags.mnemonics(v.flags())).append('\n');
        }
        return s.toString();
    }

    /**
     * The figures smaps and smaps_rollup share ({@code __show_smap()} in fs/proc/task_mmu.c): the rollup's alone have
     * Pss_Anon, Pss_File and Pss_Shmem. Locked is the proportional size of a VM_LOCKED VMA's pages, as the kernel
     * sums it; SwapPss is Swap (a swap entry that fork shared is not divided among its mappers, a simplification).
     */
    private static void memSizeStats(StringBuilder s, MemSizeStats m, boolean rollup) {
        s.append(smapsValue("Rss:", m.rss())).append(smapsValue("Pss:", m.pss())).append(smapsValue("Pss_Dirty:", m.pssDirty()));
        if (rollup) {
            s.append(smapsValue("Pss_Anon:", m.pssAnon())).append(smapsValue("Pss_File:", m.pssFile()))
                    .append(smapsValue("Pss_Shmem:", m.pssShmem()));
        }
        s.append(smapsValue("Shared_Clean:", m.sharedClean())).append(smapsValue("Shared_Dirty:", m.sharedDirty()))
                .append(smapsValue("Private_Clean:", m.privateClean())).append(smapsValue("Private_Dirty:", m.privateDirty()))
                .append(smapsValue("Referenced:", m.referenced())).append(smapsValue("Anonymous:", m.anonymous()))
                .append(smapsValue("KSM:", 0)).append(smapsValue("LazyFree:", 0))
                .append(smapsValue("AnonHugePages:", m.anonHugePages())).append(smapsValue("ShmemPmdMapped:", 0))
                .append(smapsValue("FilePmdMapped:", 0)).append(smapsValue("Shared_Hugetlb:", m.sharedHugetlb()))
                .append(smapsValue("Private_Hugetlb:", m.privateHugetlb())).append(smapsValue("Swap:", m.swap()))
                .append(smapsValue("SwapPss:", m.swap())).append(smapsValue("Locked:", m.pssLocked()));
    }

    /**
     * /proc/PID/smaps_rollup ({@code show_smaps_rollup()}): a maps line from the first VMA's start to the last one's
     * end, named {@code [rollup]}, then the figures of every VMA summed (the vsyscall page is no VMA of the process).
     *
     * @throws SyscallException ESRCH for a kernel thread, which has no mm, as reading it on Linux fails
     */
    public static String smapsRollup(SimulatedMachine machine, int pid) {
        if (isKernelThread(machine, pid)) {
            throw new SyscallException("ESRCH", "smaps_rollup of kernel thread " + pid + ": no mm");
        }
        List<VmaInfo> vmas = machine.processes().vmas(pid);
        VmaInfo span = new VmaInfo(vmas.get(0).start(), vmas.get(vmas.size() - 1).end(), 0, 0, "00:00", 0, "[rollup]",
                MemSizeStats.NONE, false, 4096);
        StringBuilder s = new StringBuilder(mapsLine(span, is64(machine))).append('\n');
        memSizeStats(s, machine.processes().smapsRollup(pid), true);
        return s.toString();
    }

    /** {@code pmap -x PID} (procps): address, size, RSS, dirty, mode and mapping of each VMA, then the totals. */
    public static String pmap(SimulatedMachine machine, int pid) {
        TaskInfo thread = kernelThread(machine, pid);
        TaskInfo t = thread != null ? thread : machine.processes().task(pid);
        StringBuilder s = new StringBuilder(String.format("%d:   %s\n", pid, t.name()));
        // The address column is as wide as a pointer in hex: 16 digits on a 64-bit system, 8 on a 32-bit one.
        int width = is64(machine) ? 16 : 8;
        s.append("Address").append(" ".repeat(width - 5)).append("Kbytes     RSS   Dirty Mode  Mapping\n");
        long size = 0;
        long rss = 0;
        long dirty = 0;
        // pmap reads smaps, so the vsyscall page is a line and counts in the total as there.
        for (VmaInfo v : shown(machine, pid)) {
            MemSizeStats m = v.smaps();
            long d = (m.sharedDirty() + m.privateDirty()) >> 10;
            s.append(String.format("%0" + width + "x %7d %7d %7d %s %s\n", v.start(), v.size() >> 10, m.rss() >> 10, d, mode(v), mapping(v)));
            size += v.size() >> 10;
            rss += m.rss() >> 10;
            dirty += d;
        }
        s.append("-".repeat(width)).append(" ------- ------- ------- \n");
        return s.append(String.format("%-" + width + "s %7d %7d %7d\n", "total kB", size, rss, dirty)).toString();
    }

    private static String mode(VmaInfo v) {
        String p = v.perms();
        return p.substring(0, 3) + (p.charAt(3) == 's' ? "s" : "-") + "-";
    }

    private static String mapping(VmaInfo v) {
        if (v.name().equals("[stack]")) {
            return "  [ stack ]";
        }
        if (v.name().isEmpty() || v.name().startsWith("[")) {
            return "  [ anon ]";
        }
        int slash = v.name().lastIndexOf('/');
        return slash < 0 ? v.name() : v.name().substring(slash + 1);
    }

    /** The files of a process's directory {@link #file} renders, {@code /proc/PID/FILE}. */
    public static final List<String> FILES = List.of("status", "comm", "cmdline", "maps", "smaps", "smaps_rollup", "io",
            "oom_score", "oom_score_adj", "numa_maps");

    /** The per-process files {@link #file} renders, as a pattern over /proc paths: group 1 the task, 2 the file. */
    public static final java.util.regex.Pattern PATH =
            java.util.regex.Pattern.compile("/proc/([^/]+)/(" + String.join("|", FILES) + ")");

    /**
     * The text of {@code /proc/PID/FILE}, FILE one of {@link #PATH}'s: {@code status}, {@code comm},
     * {@code cmdline}, {@code maps}, {@code smaps}, {@code smaps_rollup}, {@code io}, {@code oom_score},
     * {@code oom_score_adj}, {@code numa_maps}.
     *
     * @throws SyscallException ESRCH for a kernel thread's smaps_rollup
     */
    public static String file(SimulatedMachine machine, int pid, String file) {
        return file(machine, pid, file, false);
    }

    /**
     * As {@link #file(SimulatedMachine, int, String)}, read by task {@code pid} itself ({@code /proc/self}): it is
     * running while it reads, so its status says R.
     */
    public static String fileOfReader(SimulatedMachine machine, int pid, String file) {
        return file(machine, pid, file, true);
    }

    private static String file(SimulatedMachine machine, int pid, String file, boolean reading) {
        TaskInfo thread = kernelThread(machine, pid);
        switch (file) {
            case "status":
                return status(machine, pid, reading);
            case "comm":
                // comm_show() (fs/proc/base.c): the name status shows, a kernel thread's whole.
                return (thread != null ? thread : machine.processes().task(pid)).name() + "\n";
            case "cmdline":
                // proc_pid_cmdline_read(): the argument strings, each ending in a NUL; a scenario runs a program by
                // its NAME alone. A kernel thread has no mm and so no arguments: empty.
                return thread != null ? "" : machine.processes().task(pid).name() + "\0";
            case "maps":
                return maps(machine, pid);
            case "smaps_rollup":
                return smapsRollup(machine, pid);
            case "io":
                return io(machine, pid);
            case "numa_maps":
                // A kernel thread has no VMAs: its file is empty.
                return thread != null ? "" : NumaMapsFile.of(machine, pid);
            case "oom_score":
                // oom_badness() never picks a kernel thread: /proc shows it 0.
                return (thread != null ? 0 : machine.oomKiller().oomScore(pid)) + "\n";
            case "oom_score_adj":
                return (thread != null ? 0 : machine.processes().task(pid).oomScoreAdj()) + "\n";
            default:
                return smaps(machine, pid);
        }
    }
}
