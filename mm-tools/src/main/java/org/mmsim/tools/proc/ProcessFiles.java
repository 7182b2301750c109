package org.mmsim.tools.proc;

import java.util.List;
import org.mmsim.api.paging.MmCounters;
import org.mmsim.api.paging.TaskInfo;
import org.mmsim.api.paging.VmFlags;
import org.mmsim.api.paging.VmaInfo;
import org.mmsim.tools.machine.SimulatedMachine;

/**
 * The per-process files of /proc and pmap(1), in the layouts of Linux 6.18 and procps: {@code status}
 * ({@code proc_pid_status()} with {@code task_mem()}), {@code maps} ({@code show_map_vma()}), {@code smaps}
 * ({@code show_smap()}), and {@code pmap -x}.
 */
public final class ProcessFiles {
    /** The column where a mapping's name starts in maps: {@code 25 + sizeof(void *) * 6 - 1} characters of prefix. */
    private static final int NAME_COLUMN = 73;
    private static final String VSYSCALL = "ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0";

    private ProcessFiles() {
    }

    private static String kb(String label, long pages) {
        return String.format("%s\t%8d kB%n", label, pages << 2);
    }

    /** /proc/PID/status. */
    public static String status(SimulatedMachine machine, int pid) {
        TaskInfo t = machine.processes().task(pid);
        MmCounters c = t.counters();
        int cpus = machine.config().cpus();
        StringBuilder s = new StringBuilder();
        s.append("Name:\t").append(t.name()).append('\n');
        s.append("Umask:\t0022\n");
        s.append("State:\tS (sleeping)\n");
        s.append("Tgid:\t").append(pid).append("\nNgid:\t0\nPid:\t").append(pid).append("\nPPid:\t").append(t.ppid())
                .append("\nTracerPid:\t0\n");
        s.append(String.format("Uid:\t%d\t%d\t%d\t%d%nGid:\t%d\t%d\t%d\t%d%n", t.uid(), t.uid(), t.uid(), t.uid(), t.uid(),
                t.uid(), t.uid(), t.uid()));
        s.append("FDSize:\t64\nGroups:\t \nNStgid:\t").append(pid).append("\nNSpid:\t").append(pid)
                .append("\nNSpgid:\t").append(pid).append("\nNSsid:\t").append(pid).append("\nKthread:\t0\n");
        s.append(kb("VmPeak:", c.hiwaterVm())).append(kb("VmSize:", c.totalVm())).append(kb("VmLck:", c.lockedVm()))
                .append(kb("VmPin:", c.pinnedVm())).append(kb("VmHWM:", Math.max(c.hiwaterRss(), c.rss())))
                .append(kb("VmRSS:", c.rss())).append(kb("RssAnon:", c.rssAnon())).append(kb("RssFile:", c.rssFile()))
                .append(kb("RssShmem:", c.rssShmem())).append(kb("VmData:", c.dataVm())).append(kb("VmStk:", c.stackVm()))
                .append(kb("VmExe:", c.exeVm())).append(kb("VmLib:", c.execVm() - c.exeVm()))
                .append(String.format("VmPTE:\t%8d kB%n", c.pgtablesBytes() >> 10)).append(kb("VmSwap:", c.swapEntries()))
                .append(kb("HugetlbPages:", 0));
        s.append("CoreDumping:\t0\nTHP_enabled:\t1\nuntag_mask:\t0xffffffffffffffff\nThreads:\t1\nSigQ:\t0/96365\n");
        s.append("SigPnd:\t0000000000000000\nShdPnd:\t0000000000000000\nSigBlk:\t0000000000000000\n");
        s.append("SigIgn:\t0000000000000000\nSigCgt:\t0000000000000000\n");
        s.append("CapInh:\t0000000000000000\nCapPrm:\t0000000000000000\nCapEff:\t0000000000000000\n");
        s.append("CapBnd:\t000001ffffffffff\nCapAmb:\t0000000000000000\nNoNewPrivs:\t0\nSeccomp:\t0\nSeccomp_filters:\t0\n");
        s.append("Speculation_Store_Bypass:\tvulnerable\nSpeculationIndirectBranch:\talways enabled\n");
        s.append(String.format("Cpus_allowed:\t%x%nCpus_allowed_list:\t%s%n", cpus >= 64 ? -1L : (1L << cpus) - 1,
                cpus == 1 ? "0" : "0-" + (cpus - 1)));
        s.append("Mems_allowed:\t").append("00000000,".repeat(31)).append(String.format("%08x%n",
                (1 << Math.min(31, machine.config().nodes())) - 1));
        s.append("Mems_allowed_list:\t").append(machine.config().nodes() == 1 ? "0" : "0-" + (machine.config().nodes() - 1))
                .append('\n');
        s.append("voluntary_ctxt_switches:\t0\nnonvoluntary_ctxt_switches:\t0\n");
        return s.toString();
    }

    /** One maps line: {@code start-end perms offset dev inode}, the name from column 73. */
    static String mapsLine(VmaInfo v) {
        String prefix = String.format("%08x-%08x %s %08x %s %d ", v.start(), v.end(), v.perms(), v.offset(), v.device(),
                v.inode());
        return v.name().isEmpty() ? prefix : pad(prefix) + v.name();
    }

    private static String pad(String prefix) {
        return prefix.length() >= NAME_COLUMN ? prefix : prefix + " ".repeat(NAME_COLUMN - prefix.length());
    }

    /** /proc/PID/maps, with the x86-64 vsyscall page last. */
    public static String maps(SimulatedMachine machine, int pid) {
        StringBuilder s = new StringBuilder();
        for (VmaInfo v : machine.processes().vmas(pid)) {
            s.append(mapsLine(v)).append('\n');
        }
        return s.append(pad(VSYSCALL + " ")).append("[vsyscall]\n").toString();
    }

    private static String smapsValue(String label, long bytes) {
        return String.format("%-16s%8d kB%n", label, bytes >> 10);
    }

    /** /proc/PID/smaps. */
    public static String smaps(SimulatedMachine machine, int pid) {
        StringBuilder s = new StringBuilder();
        for (VmaInfo v : machine.processes().vmas(pid)) {
            long dirty = v.sharedDirty() + v.privateDirty();
            long pssDirty = v.rss() == 0 ? 0 : v.pss() * dirty / v.rss();
            s.append(mapsLine(v)).append('\n');
            s.append(smapsValue("Size:", v.size())).append(smapsValue("KernelPageSize:", 4096))
                    .append(smapsValue("MMUPageSize:", 4096)).append(smapsValue("Rss:", v.rss()))
                    .append(smapsValue("Pss:", v.pss())).append(smapsValue("Pss_Dirty:", pssDirty))
                    .append(smapsValue("Shared_Clean:", v.sharedClean())).append(smapsValue("Shared_Dirty:", v.sharedDirty()))
                    .append(smapsValue("Private_Clean:", v.privateClean()))
                    .append(smapsValue("Private_Dirty:", v.privateDirty()))
                    .append(smapsValue("Referenced:", v.referenced())).append(smapsValue("Anonymous:", v.anonymous()))
                    .append(smapsValue("KSM:", 0)).append(smapsValue("LazyFree:", 0)).append(smapsValue("AnonHugePages:", 0))
                    .append(smapsValue("ShmemPmdMapped:", 0)).append(smapsValue("FilePmdMapped:", 0))
                    .append(smapsValue("Shared_Hugetlb:", 0)).append(smapsValue("Private_Hugetlb:", 0))
                    .append(smapsValue("Swap:", v.swap())).append(smapsValue("SwapPss:", v.swap()))
                    .append(smapsValue("Locked:", (v.flags() & VmFlags.VM_LOCKED) != 0 ? v.rss() : 0))
                    .append(String.format("%-16s%8d%n", "THPeligible:", 0))
                    .append("VmFlags: ").append(VmFlags.mnemonics(v.flags())).append('\n');
        }
        return s.toString();
    }

    /** {@code pmap -x PID} (procps): address, size, RSS, dirty, mode and mapping of each VMA, then the totals. */
    public static String pmap(SimulatedMachine machine, int pid) {
        TaskInfo t = machine.processes().task(pid);
        StringBuilder s = new StringBuilder(String.format("%d:   %s%n", pid, t.name()));
        s.append("Address           Kbytes     RSS   Dirty Mode  Mapping\n");
        long size = 0;
        long rss = 0;
        long dirty = 0;
        List<VmaInfo> vmas = machine.processes().vmas(pid);
        for (VmaInfo v : vmas) {
            long d = (v.sharedDirty() + v.privateDirty()) >> 10;
            s.append(String.format("%016x %7d %7d %7d %s %s%n", v.start(), v.size() >> 10, v.rss() >> 10, d, mode(v), mapping(v)));
            size += v.size() >> 10;
            rss += v.rss() >> 10;
            dirty += d;
        }
        s.append(String.format("%016x %7d %7d %7d %s %s%n", 0xffffffffff600000L, 4, 0, 0, "--x--", "  [ anon ]"));
        size += 4;
        s.append("---------------- ------- ------- ------- \n");
        return s.append(String.format("%-16s %7d %7d %7d%n", "total kB", size, rss, dirty)).toString();
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
}
