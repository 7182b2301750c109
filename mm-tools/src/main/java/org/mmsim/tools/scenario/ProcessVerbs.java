package org.mmsim.tools.scenario;

import java.util.List;
import java.util.Map;
import org.mmsim.api.paging.AccessType;
import org.mmsim.api.paging.MmCounters;
import org.mmsim.api.paging.Processes;
import org.mmsim.api.paging.ProgramImage;
import org.mmsim.api.paging.Prot;
import org.mmsim.api.paging.SyscallException;
import org.mmsim.api.paging.TaskInfo;
import org.mmsim.tools.units.Sizes;

/**
 * The paging layer's verbs: starting programs ({@code spawn}, {@code image}), and what a process does to its memory
 * ({@code NAME malloc}, {@code free}, {@code touch}, {@code mmap}, {@code munmap}, {@code mprotect}, {@code mremap},
 * {@code brk}, {@code fork}, {@code exec}, {@code exit}, {@code report}, {@code oom_score_adj}), plus
 * {@code switch CPU NAME}. A failing system call prints what perror(3) would and the scenario goes on; a SIGSEGV
 * kills the process, and so does the OOM killer.
 *
 * <p>A VAR is an address, as a C pointer is: it means the same range in whichever process uses it (a child inherits
 * its parent's), and it survives free and munmap, so a later touch is a use after free or a SIGSEGV as in C.
 */
final class ProcessVerbs {
    private ProcessVerbs() {
    }

    static List<Verb> verbs() {
        return List.of(new Spawn(), new ImageVerb(), new Switch(), new TlbStat());
    }

    static List<ProcessVerb> processVerbs() {
        return List.of(new Malloc(), new Free(), new Touch(), new Mmap(), new Munmap(), new Mprotect(), new Mremap(),
                new Madvise(), new Mlock(), new Brk(), new Fork(), new Exec(), new Exit(), new Report(), new OomScoreAdj());
    }

    /** A range of memory a process got, named by a scenario variable. */
    record Region(long addr, long size, boolean malloced) {
    }

    static int pidOf(Session session, String name) {
        Integer pid = session.variables(Integer.class).get("process:" + name);
        if (pid == null) {
            throw session.line().error("no process named '" + name + "'; expected a NAME from spawn or fork");
        }
        return pid;
    }

    /** An error if {@code name} already names a live process: a second one would leave the first unreachable. */
    private static void checkNewName(Session session, String name) {
        Integer pid = session.variables(Integer.class).get("process:" + name);
        if (pid != null) {
            throw session.line().error("process '" + name + "' exists (pid " + pid + "); expected a new NAME");
        }
    }

    /**
     * The task a /proc path or pmap names: a NAME from spawn or fork, or the pid of a live process or of a kernel
     * thread.
     */
    static int processOf(Session session, String who) {
        if (who.isEmpty() || !who.chars().allMatch(Character::isDigit)) {
            return pidOf(session, who);
        }
        try {
            int pid = Integer.parseInt(who);
            session.machine().processes().task(pid);
            return pid;
        } catch (NumberFormatException | SyscallException e) {
            for (TaskInfo thread : session.machine().processes().kernelThreads()) {
                if (Integer.toString(thread.pid()).equals(who)) {
                    return thread.pid();
                }
            }
            throw session.line().error("no process " + who + "; expected the pid of a live process or a NAME from spawn or fork");
        }
    }

    private static long size(ScenarioLine line, String text) {
        try {
            return Sizes.parse(text);
        } catch (IllegalArgumentException e) {
            throw line.error(e.getMessage());
        }
    }

    private static ProgramImage image(Session session, String name) {
        ProgramImage described = session.variables(ProgramImage.class).get("image:" + name);
        if (described != null) {
            return described;
        }
        try {
            return org.mmsim.api.paging.ProgramImages.builtIn(name);
        } catch (IllegalArgumentException e) {
            throw session.line().error(e.getMessage());
        }
    }

    /**
     * Runs a system call; a failure prints as perror(3) would, and returns false. A process the OOM killer killed
     * during the call prints nothing: it never returned to check.
     */
    private static boolean syscall(Session session, String process, String call, Runnable body) {
        try {
            body.run();
            return true;
        } catch (SyscallException e) {
            if (live(session, pidOf(session, process))) {
                session.print(process + ": " + call + ": " + e.getMessage());
            }
            return false;
        }
    }

    private static boolean live(Session session, int pid) {
        return session.machine().processes().tasks().stream().anyMatch(t -> t.pid() == pid);
    }

    /**
     * After each line: the scenario's processes that are gone without exit or SIGSEGV were killed by the OOM
     * killer (SIGKILL); each prints {@code NAME: Killed}, as a shell reports a job killed by SIGKILL, and its name is
     * free again.
     */
    static void forgetKilled(Session session) {
        java.util.Set<Integer> alive = new java.util.HashSet<>();
        session.machine().processes().tasks().forEach(t -> alive.add(t.pid()));
        session.variables(Integer.class).entrySet().stream()
                .filter(e -> e.getKey().startsWith("process:") && !alive.contains(e.getValue()))
                .sorted(Map.Entry.comparingByValue())
                .forEach(e -> {
                    session.print(e.getKey().substring("process:".length()) + ": Killed");
                    session.unbind(e.getKey());
                });
    }

    /** {@code spawn NAME [image=IMAGE]}: fork + execve of a program, named NAME in the scenario. */
    private static final class Spawn implements Verb {
        @Override
        public String name() {
            return "spawn";
        }

        @Override
        public String usage() {
            return "spawn NAME [image=hello|sh|server|NAME-of-an-image-line]";
        }

        @Override
        public String summary() {
            return "start a program (fork + execve)";
        }

        @Override
        public Step parse(ScenarioLine line) {
            String name = line.word(1, "NAME", usage());
            Map<String, String> options = line.keyValues(2, usage());
            String imageName = options.getOrDefault("image", "hello");
            return session -> {
                checkNewName(session, name);
                ProgramImage image = image(session, imageName);
                int pid = session.machine().processes().spawn(name, image);
                session.bind("process:" + name, pid);
            };
        }
    }

    /** {@code image NAME text=SIZE [rodata=SIZE] [data=SIZE] [bss=SIZE] [stack=SIZE]}: describes a program. */
    private static final class ImageVerb implements Verb {
        @Override
        public String name() {
            return "image";
        }

        @Override
        public String usage() {
            return "image NAME text=SIZE [rodata=SIZE] [data=SIZE] [bss=SIZE] [stack=SIZE]";
        }

        @Override
        public String summary() {
            return "describe a program's ELF segments (it links libc)";
        }

        @Override
        public Step parse(ScenarioLine line) {
            String name = line.word(1, "NAME", usage());
            Map<String, String> o = line.keyValues(2, usage());
            for (String key : o.keySet()) {
                if (!List.of("text", "rodata", "data", "bss", "stack").contains(key)) {
                    throw line.error("unknown segment '" + key + "'; expected text, rodata, data, bss or stack");
                }
            }
            ProgramImage image = new ProgramImage(name, "/usr/local/bin/" + name, size(line, o.getOrDefault("text", "4K")),
                    size(line, o.getOrDefault("rodata", "4K")), size(line, o.getOrDefault("data", "4K")),
                    size(line, o.getOrDefault("bss", "0")), List.of(org.mmsim.api.paging.ProgramImages.libc()),
                    size(line, o.getOrDefault("stack", "132K")));
            return session -> session.bind("image:" + name, image);
        }
    }

    /** {@code switch CPU NAME}: a context switch; NAME's accesses then run on CPU. */
    private static final class Switch implements Verb {
        @Override
        public String name() {
            return "switch";
        }

        @Override
        public String usage() {
            return "switch CPU NAME";
        }

        @Override
        public String summary() {
            return "context-switch a CPU to a process (TLB flushed without PCIDs)";
        }

        @Override
        public Step parse(ScenarioLine line) {
            line.expectWords(3, usage());
            int cpu;
            try {
                cpu = Integer.parseInt(line.words().get(1));
            } catch (NumberFormatException e) {
                throw line.error("bad CPU '" + line.words().get(1) + "'; expected a number");
            }
            String name = line.words().get(2);
            return session -> {
                try {
                    session.machine().processes().switchTo(cpu, pidOf(session, name));
                    session.machine().pageAllocator().setCurrentCpu(cpu);
                    session.machine().slabAllocator().setCurrentCpu(cpu);
                } catch (SyscallException e) {
                    throw line.error(e.getMessage());
                }
            };
        }
    }

    /** {@code tlbstat}: each CPU's TLB counters since boot. */
    private static final class TlbStat implements Verb {
        @Override
        public String name() {
            return "tlbstat";
        }

        @Override
        public String usage() {
            return "tlbstat";
        }

        @Override
        public String summary() {
            return "each CPU's TLB hits and misses per level, page walks, flushes, INVLPGs and shootdowns";
        }

        @Override
        public Step parse(ScenarioLine line) {
            line.expectWords(1, usage());
            return session -> {
                StringBuilder text = new StringBuilder(String.format("%3s %12s %10s %8s %12s %10s %8s %8s %8s %8s %10s%n",
                        "cpu", "dTLB-hits", "dSTLB-hits", "d-miss", "iTLB-hits", "iSTLB-hits", "i-miss", "walks",
                        "flushes", "invlpg", "shootdowns"));
                for (int cpu = 0; cpu < session.machine().config().cpus(); cpu++) {
                    org.mmsim.api.paging.TlbStats t = session.machine().processes().tlbStats(cpu);
                    text.append(String.format("%3d %12d %10d %8d %12d %10d %8d %8d %8d %8d %10d%n", cpu, t.dataL1Hits(),
                            t.dataL2Hits(), t.dataMisses(), t.instructionL1Hits(), t.instructionL2Hits(),
                            t.instructionMisses(), t.walks(), t.flushes(), t.invalidations(), t.shootdowns()));
                }
                session.print(text.toString());
            };
        }
    }

    /** An access word: {@code read}, {@code write}, and {@code exec} where {@code exec} is allowed. */
    static AccessType accessType(ScenarioLine line, String word, boolean exec) {
        switch (word) {
            case "read":
                return AccessType.READ;
            case "write":
                return AccessType.WRITE;
            case "exec":
                if (exec) {
                    return AccessType.EXECUTE;
                }
                break;
            default:
                break;
        }
        throw line.error("access '" + word + "'; expected read" + (exec ? ", write or exec" : " or write"));
    }

    static Region region(Session session, String var) {
        return session.variable(var, Region.class, "malloc or mmap");
    }

    /** {@code NAME malloc VAR SIZE}: glibc malloc; nothing is touched. */
    private static final class Malloc extends SimpleProcessVerb {
        Malloc() {
            super("malloc", "NAME malloc VAR SIZE", "allocate with glibc's malloc (lazily: nothing is touched)");
        }

        @Override
        public Step parse(String process, ScenarioLine line) {
            line.expectWords(4, usage);
            String var = line.words().get(2);
            long size = size(line, line.words().get(3));
            return session -> {
                int pid = pidOf(session, process);
                syscall(session, process, "malloc " + var, () ->
                        session.bind(var, new Region(session.machine().processes().malloc(pid, size), size, true)));
            };
        }
    }

    /** {@code NAME free VAR}. */
    private static final class Free extends SimpleProcessVerb {
        Free() {
            super("free", "NAME free VAR", "free a malloc'd block");
        }

        @Override
        public Step parse(String process, ScenarioLine line) {
            line.expectWords(3, usage);
            String var = line.words().get(2);
            return session -> {
                int pid = pidOf(session, process);
                Region r = region(session, var);
                if (!r.malloced()) {
                    throw line.error(var + " was mapped with mmap; expected a VAR from malloc (use munmap)");
                }
                syscall(session, process, "free " + var, () -> session.machine().processes().free(pid, r.addr()));
            };
        }
    }

    /** {@code NAME touch VAR [read|write|exec] [offset=N] [length=N] [stride=N]}: accesses the region. */
    private static final class Touch extends SimpleProcessVerb {
        Touch() {
            super("touch", "NAME touch VAR [read|write|exec] [offset=N] [length=N] [stride=N]",
                    "access memory: one access every stride bytes (a page by default) and the last byte, faulting pages in");
        }

        @Override
        public Step parse(String process, ScenarioLine line) {
            String var = line.word(2, "VAR", usage);
            int from = 3;
            AccessType type = AccessType.WRITE;
            if (line.words().size() > 3 && !line.words().get(3).contains("=")) {
                type = accessType(line, line.words().get(3), true);
                from = 4;
            }
            Map<String, String> o = line.keyValues(from, usage);
            long offset = size(line, o.getOrDefault("offset", "0"));
            Long length = o.containsKey("length") ? size(line, o.get("length")) : null;
            long stride = size(line, o.getOrDefault("stride", "4096"));
            if (stride <= 0) {
                throw line.error("stride 0; expected a positive size");
            }
            AccessType access = type;
            return session -> {
                int pid = pidOf(session, process);
                Region r = region(session, var);
                long end = Math.min(r.size(), offset + (length == null ? r.size() : length));
                Processes processes = session.machine().processes();
                long last = -1;
                for (long at = offset; at < end; at += stride) {
                    if (died(access(session, processes, pid, r.addr() + at, access, process))) {
                        return;
                    }
                    last = at;
                }
                // The last byte of the range is touched too: writing every int writes the last one.
                if (last >= 0 && ((r.addr() + end - 1) >>> 12) != ((r.addr() + last) >>> 12)) {
                    access(session, processes, pid, r.addr() + end - 1, access, process);
                }
            };
        }
    }

    /**
     * One access by a scenario's process; a SIGSEGV is printed as a shell shows it and ends the process.
     *
     * @return what {@link Processes#access} returned
     */
    static int access(Session session, Processes processes, int pid, long vaddr, AccessType access, String process) {
        int result = processes.access(pid, vaddr, access);
        if (result == Processes.SIGSEGV) {
            session.print(String.format("%s: Segmentation fault (SIGSEGV at %#x)", process, vaddr));
            processes.exit(pid);
            session.unbind("process:" + process);
        }
        // An OOM kill is said by forgetKilled() after the line, beneath the kernel's report.
        return result;
    }

    /** Whether an access's result ended its process. */
    static boolean died(int result) {
        return result == Processes.SIGSEGV || result == Processes.OOM_KILLED;
    }

    /** {@code NAME mmap VAR SIZE [anon|file=PATH] [private|shared] [prot=rw] [populate]}. */
    private static final class Mmap extends SimpleProcessVerb {
        Mmap() {
            super("mmap", "NAME mmap VAR SIZE [anon|file=PATH] [private|shared] [prot=rw] [populate] [noreserve]",
                    "map memory (mmap)");
        }

        @Override
        public Step parse(String process, ScenarioLine line) {
            String var = line.word(2, "VAR", usage);
            long size = size(line, line.word(3, "SIZE", usage));
            int flags = Prot.MAP_PRIVATE;
            int prot = Prot.PROT_READ | Prot.PROT_WRITE;
            String file = null;
            for (String word : line.words().subList(4, line.words().size())) {
                if (word.equals("anon")) {
                    file = null;
                } else if (word.startsWith("file=")) {
                    file = word.substring(5);
                } else if (word.equals("private")) {
                    flags = (flags & ~Prot.MAP_SHARED) | Prot.MAP_PRIVATE;
                } else if (word.equals("shared")) {
                    flags = (flags & ~Prot.MAP_PRIVATE) | Prot.MAP_SHARED;
                } else if (word.startsWith("prot=")) {
                    try {
                        prot = Prot.parse(word.substring(5));
                    } catch (IllegalArgumentException e) {
                        throw line.error(e.getMessage());
                    }
                } else if (word.equals("populate")) {
                    flags |= Prot.MAP_POPULATE;
                } else if (word.equals("noreserve")) {
                    flags |= Prot.MAP_NORESERVE;
                } else {
                    throw line.error("'" + word + "'; expected " + usage);
                }
            }
            String path = file;
            int mapFlags = flags | (path == null ? Prot.MAP_ANONYMOUS : 0);
            int protection = prot;
            return session -> {
                int pid = pidOf(session, process);
                if (path != null && session.machine().pageCache().lookup(path).isEmpty()) {
                    // A path a scenario names is a file on the simulated disk, as large as the mapping.
                    session.machine().pageCache().file(path, size);
                }
                syscall(session, process, "mmap " + var, () -> session.bind(var, new Region(
                        session.machine().processes().mmap(pid, 0, size, protection, mapFlags, path, 0), size, false)));
            };
        }
    }

    private static Region mapped(Session session, String var, ScenarioLine line) {
        Region r = region(session, var);
        if (r.malloced()) {
            throw line.error(var + " came from malloc; expected a VAR from mmap (use free)");
        }
        return r;
    }

    /** {@code NAME munmap VAR}. */
    private static final class Munmap extends SimpleProcessVerb {
        Munmap() {
            super("munmap", "NAME munmap VAR", "unmap a mapping");
        }

        @Override
        public Step parse(String process, ScenarioLine line) {
            line.expectWords(3, usage);
            String var = line.words().get(2);
            return session -> {
                int pid = pidOf(session, process);
                Region r = mapped(session, var, line);
                syscall(session, process, "munmap " + var, () -> session.machine().processes().munmap(pid, r.addr(), r.size()));
            };
        }
    }

    /** {@code NAME mprotect VAR prot=r}. */
    private static final class Mprotect extends SimpleProcessVerb {
        Mprotect() {
            super("mprotect", "NAME mprotect VAR prot=PROT", "change a mapping's protection");
        }

        @Override
        public Step parse(String process, ScenarioLine line) {
            String var = line.word(2, "VAR", usage);
            Map<String, String> o = line.keyValues(3, usage);
            if (!o.containsKey("prot")) {
                throw line.error("mprotect needs prot=; expected " + usage);
            }
            int prot;
            try {
                prot = Prot.parse(o.get("prot"));
            } catch (IllegalArgumentException e) {
                throw line.error(e.getMessage());
            }
            return session -> {
                int pid = pidOf(session, process);
                Region r = mapped(session, var, line);
                syscall(session, process, "mprotect " + var, () -> session.machine().processes().mprotect(pid, r.addr(), r.size(), prot));
            };
        }
    }

    /**
     * {@code NAME madvise VAR hugepage|nohugepage|dontneed}: advice on the pages VAR spans (its first and last page
     * included, as a program rounds a malloc'd block to pages before calling madvise).
     */
    private static final class Madvise extends SimpleProcessVerb {
        Madvise() {
            super("madvise", "NAME madvise VAR hugepage|nohugepage|dontneed", "advise the kernel on a range: "
                    + "transparent huge pages or not, or drop its pages");
        }

        @Override
        public Step parse(String process, ScenarioLine line) {
            line.expectWords(4, usage);
            String var = line.words().get(2);
            int advice;
            switch (line.words().get(3)) {
                case "hugepage":
                    advice = Prot.MADV_HUGEPAGE;
                    break;
                case "nohugepage":
                    advice = Prot.MADV_NOHUGEPAGE;
                    break;
                case "dontneed":
                    advice = Prot.MADV_DONTNEED;
                    break;
                default:
                    throw line.error("unknown advice '" + line.words().get(3) + "'; expected hugepage, nohugepage or dontneed");
            }
            return session -> {
                int pid = pidOf(session, process);
                Region r = mapped(session, var, line);
                long start = r.addr() & -4096L;
                long end = (r.addr() + r.size() + 4095) & -4096L;
                syscall(session, process, "madvise " + var,
                        () -> session.machine().processes().madvise(pid, start, end - start, advice));
            };
        }
    }

    /** {@code NAME mlock VAR}: locks the pages VAR spans in memory, faulting them in. */
    private static final class Mlock extends SimpleProcessVerb {
        Mlock() {
            super("mlock", "NAME mlock VAR", "lock the pages of VAR in memory (mlock(2)): faulted in, never reclaimed");
        }

        @Override
        public Step parse(String process, ScenarioLine line) {
            line.expectWords(3, usage);
            String var = line.words().get(2);
            return session -> {
                int pid = pidOf(session, process);
                Region r = region(session, var);
                long start = r.addr() & -4096L;
                long end = (r.addr() + r.size() + 4095) & -4096L;
                syscall(session, process, "mlock " + var,
                        () -> session.machine().processes().mlock(pid, start, end - start));
            };
        }
    }

    /** {@code NAME mremap VAR SIZE}: resizes a mapping, moving it if it cannot grow in place. */
    private static final class Mremap extends SimpleProcessVerb {
        Mremap() {
            super("mremap", "NAME mremap VAR SIZE", "resize a mapping (moving it if needed)");
        }

        @Override
        public Step parse(String process, ScenarioLine line) {
            line.expectWords(4, usage);
            String var = line.words().get(2);
            long size = size(line, line.words().get(3));
            return session -> {
                int pid = pidOf(session, process);
                Region r = mapped(session, var, line);
                syscall(session, process, "mremap " + var, () -> session.bind(var, new Region(
                        session.machine().processes().mremap(pid, r.addr(), r.size(), size, Prot.MREMAP_MAYMOVE), size, false)));
            };
        }
    }

    /** {@code NAME brk SIZE}: sets the heap to SIZE bytes past its start. */
    private static final class Brk extends SimpleProcessVerb {
        Brk() {
            super("brk", "NAME brk SIZE", "set the heap's size (brk to its start + SIZE)");
        }

        @Override
        public Step parse(String process, ScenarioLine line) {
            line.expectWords(3, usage);
            long size = size(line, line.words().get(2));
            return session -> {
                int pid = pidOf(session, process);
                Processes p = session.machine().processes();
                long start = p.vmas(pid).stream().filter(v -> v.name().equals("[heap]")).mapToLong(v -> v.start())
                        .findFirst().orElse(-1);
                long base = start >= 0 ? start : p.brk(pid, 0);
                p.brk(pid, base + size);
            };
        }
    }

    /** {@code NAME fork CHILD}. */
    private static final class Fork extends SimpleProcessVerb {
        Fork() {
            super("fork", "NAME fork CHILD", "fork: the child shares every page copy-on-write");
        }

        @Override
        public Step parse(String process, ScenarioLine line) {
            line.expectWords(3, usage);
            String child = line.words().get(2);
            return session -> {
                int pid = pidOf(session, process);
                checkNewName(session, child);
                syscall(session, process, "fork", () -> session.bind("process:" + child,
                        session.machine().processes().fork(pid, child)));
            };
        }
    }

    /** {@code NAME exec IMAGE}. */
    private static final class Exec extends SimpleProcessVerb {
        Exec() {
            super("exec", "NAME exec IMAGE", "execve: a new program replaces the address space");
        }

        @Override
        public Step parse(String process, ScenarioLine line) {
            line.expectWords(3, usage);
            String imageName = line.words().get(2);
            return session -> {
                int pid = pidOf(session, process);
                ProgramImage image = image(session, imageName);
                syscall(session, process, "execve", () -> session.machine().processes().exec(pid, image));
            };
        }
    }

    /** {@code NAME exit}. */
    private static final class Exit extends SimpleProcessVerb {
        Exit() {
            super("exit", "NAME exit", "exit: the address space is torn down");
        }

        @Override
        public Step parse(String process, ScenarioLine line) {
            line.expectWords(2, usage);
            return session -> {
                session.machine().processes().exit(pidOf(session, process));
                session.unbind("process:" + process);
            };
        }
    }

    /** {@code NAME oom_score_adj N}: {@code echo N > /proc/PID/oom_score_adj}, from -1000 (never killed) to 1000. */
    private static final class OomScoreAdj extends SimpleProcessVerb {
        OomScoreAdj() {
            super("oom_score_adj", "NAME oom_score_adj N", "set the process's oom_score_adj, -1000 (never OOM-killed) to 1000");
        }

        @Override
        public Step parse(String process, ScenarioLine line) {
            line.expectWords(3, usage);
            String text = line.words().get(2);
            int adj;
            try {
                adj = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw line.error("oom_score_adj '" + text + "'; expected an integer from -1000 to 1000");
            }
            if (adj < -1000 || adj > 1000) {
                throw line.error("oom_score_adj " + adj + "; expected an integer from -1000 to 1000");
            }
            return session -> session.machine().processes().setOomScoreAdj(pidOf(session, process), adj);
        }
    }

    /** {@code NAME report LABEL}: prints {@code LABEL: max RSS = N kB; vm size = N kB} (VmHWM and VmSize). */
    private static final class Report extends SimpleProcessVerb {
        Report() {
            super("report", "NAME report LABEL", "print the process's VmHWM and VmSize");
        }

        @Override
        public Step parse(String process, ScenarioLine line) {
            line.expectWords(3, usage);
            String label = line.words().get(2);
            return session -> {
                TaskInfo t = session.machine().processes().task(pidOf(session, process));
                MmCounters c = t.counters();
                session.print(String.format("%s: max RSS = %d kB; vm size = %d kB", label,
                        Math.max(c.hiwaterRss(), c.rss()) << 2, c.totalVm() << 2));
            };
        }
    }
}
