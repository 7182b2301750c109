package org.mmsim.tools.scenario;

import java.util.List;
import java.util.Map;
import org.mmsim.api.paging.Processes;
import org.mmsim.api.paging.Prot;

/**
 * The system calls that shape a process's address space, as mm/mmap.c, mm/mremap.c, mm/mprotect.c, mm/madvise.c
 * and mm/mlock.c serve them: {@code NAME mmap}, {@code munmap}, {@code mremap}, {@code mprotect}, {@code madvise},
 * {@code mlock} and {@code brk}. A failing call prints what perror(3) would and the scenario goes on.
 */
final class MmapVerbs {
    private MmapVerbs() {
    }

    static List<Verb> all() {
        return List.of(
                Verb.perProcess("mmap", "NAME mmap VAR SIZE [anon|file=PATH] [private|shared] [prot=rw] [populate] "
                        + "[noreserve] [hugetlb|hugetlb=2M|hugetlb=1G]", "map memory (mmap); hugetlb: huge pages of the "
                        + "pool vm.nr_hugepages fills (MAP_HUGETLB, with MAP_HUGE_2MB or MAP_HUGE_1GB)", MmapVerbs::mmap),
                Verb.perProcess("munmap", "NAME munmap VAR", "unmap a mapping", MmapVerbs::munmap),
                Verb.perProcess("mremap", "NAME mremap VAR SIZE", "resize a mapping (moving it if needed)",
                        MmapVerbs::mremap),
                Verb.perProcess("mprotect", "NAME mprotect VAR prot=PROT", "change a mapping's protection",
                        MmapVerbs::mprotect),
                Verb.perProcess("madvise", "NAME madvise VAR hugepage|nohugepage|dontneed [offset=N] [length=N]",
                        "advise the kernel on a range: transparent huge pages or not, or drop its pages; a malloc'd "
                        + "VAR's whole pages inside it, or VAR + offset for length bytes (madvise needs a page-aligned "
                        + "start)", MmapVerbs::madvise),
                Verb.perProcess("mlock", "NAME mlock VAR",
                        "lock the pages of VAR in memory (mlock(2)): faulted in, never reclaimed", MmapVerbs::mlock),
                Verb.perProcess("brk", "NAME brk SIZE", "set the heap's size (brk to its start + SIZE)",
                        MmapVerbs::brk));
    }

    private static int prot(ScenarioLine line, String text) {
        try {
            return Prot.parse(text);
        } catch (IllegalArgumentException e) {
            throw line.error(e.getMessage());
        }
    }

    /**
     * {@code NAME mmap VAR SIZE [anon|file=PATH] [private|shared] [prot=rw] [populate] [noreserve] [hugetlb[=SIZE]]}.
     * A hugetlb VAR is the whole mapping, its size rounded up to the huge page, so that munmap unmaps it all (munmap of
     * part of a huge page is EINVAL).
     */
    private static Step mmap(String process, ScenarioLine line, String usage) {
        String var = line.word(2, "VAR", usage);
        long size = line.size(line.word(3, "SIZE", usage));
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
                prot = prot(line, word.substring(5));
            } else if (word.equals("populate")) {
                flags |= Prot.MAP_POPULATE;
            } else if (word.equals("noreserve")) {
                flags |= Prot.MAP_NORESERVE;
            } else if (word.equals("hugetlb")) {
                flags |= Prot.MAP_HUGETLB;
            } else if (word.startsWith("hugetlb=")) {
                flags |= Prot.MAP_HUGETLB | hugeSize(line, word.substring(8));
            } else {
                throw line.error("'" + word + "'; expected " + usage);
            }
        }
        String path = file;
        int mapFlags = flags | (path == null ? Prot.MAP_ANONYMOUS : 0);
        int protection = prot;
        return session -> {
            int pid = ProcessNames.pidOf(session, process);
            long length = (mapFlags & Prot.MAP_HUGETLB) == 0 ? size : hugeLength(session, size, mapFlags);
            // A file that does not exist is ENOENT, as open(2) says: `file create` makes one.
            Perror.syscall(session, process, "mmap " + var, () -> session.bind(var, new Region(
                    session.machine().processes().mmap(pid, 0, size, protection, mapFlags, path, 0), length, false)));
        };
    }

    /** MAP_HUGE_2MB or MAP_HUGE_1GB. */
    private static int hugeSize(ScenarioLine line, String size) {
        switch (size) {
            case "2M":
                return Prot.MAP_HUGE_2MB;
            case "1G":
                return Prot.MAP_HUGE_1GB;
            default:
                throw line.error("huge page size '" + size + "'; expected 2M or 1G");
        }
    }

    /** {@code size} rounded up to the huge pages MAP_HUGETLB asks for (the default size without MAP_HUGE_*). */
    private static long hugeLength(Session session, long size, int flags) {
        int log = (flags >>> Prot.MAP_HUGE_SHIFT) & Prot.MAP_HUGE_MASK;
        long huge = 1L << (log != 0 ? log : 12 + session.machine().hugetlb().orders()[0]);
        return (size + huge - 1) & -huge;
    }

    /** {@code NAME munmap VAR}. */
    private static Step munmap(String process, ScenarioLine line, String usage) {
        line.expectWords(3, usage);
        String var = line.words().get(2);
        return session -> {
            int pid = ProcessNames.pidOf(session, process);
            Region r = Region.mapped(session, var, line);
            Perror.syscall(session, process, "munmap " + var,
                    () -> session.machine().processes().munmap(pid, r.addr(), r.size()));
        };
    }

    /** {@code NAME mremap VAR SIZE}: resizes a mapping, moving it if it cannot grow in place. */
    private static Step mremap(String process, ScenarioLine line, String usage) {
        line.expectWords(4, usage);
        String var = line.words().get(2);
        long size = line.size(line.words().get(3));
        return session -> {
            int pid = ProcessNames.pidOf(session, process);
            Region r = Region.mapped(session, var, line);
            Perror.syscall(session, process, "mremap " + var, () -> session.bind(var, new Region(
                    session.machine().processes().mremap(pid, r.addr(), r.size(), size, Prot.MREMAP_MAYMOVE), size, false)));
        };
    }

    /** {@code NAME mprotect VAR prot=r}. */
    private static Step mprotect(String process, ScenarioLine line, String usage) {
        String var = line.word(2, "VAR", usage);
        Map<String, String> o = line.options(3, usage, List.of("prot"));
        if (!o.containsKey("prot")) {
            throw line.error("mprotect needs prot=; expected " + usage);
        }
        int prot = prot(line, o.get("prot"));
        return session -> {
            int pid = ProcessNames.pidOf(session, process);
            Region r = Region.mapped(session, var, line);
            Perror.syscall(session, process, "mprotect " + var,
                    () -> session.machine().processes().mprotect(pid, r.addr(), r.size(), prot));
        };
    }

    /**
     * {@code NAME madvise VAR hugepage|nohugepage|dontneed [offset=N] [length=N]}: advice on VAR's range, as a
     * program calls madvise(2): a mapping from its start for its size (the kernel rounds the length up to pages); a
     * malloc'd block, whose start is rarely page-aligned (EINVAL), on the whole pages inside it, as glibc's own
     * malloc_trim() rounds a free chunk inwards: its partial first and last pages hold the chunk headers and
     * neighbours a DONTNEED would zero. With offset= or length=, the range is exactly VAR + offset for length bytes
     * (to VAR's end without length), as {@code madvise(p + offset, length)} is: EINVAL if that start is not on a page.
     */
    private static Step madvise(String process, ScenarioLine line, String usage) {
        String var = line.word(2, "VAR", usage);
        Map<String, String> o = line.options(4, usage, List.of("offset", "length"));
        long offset = line.size(o.getOrDefault("offset", "0"));
        Long length = o.containsKey("length") ? line.size(o.get("length")) : null;
        boolean explicit = !o.isEmpty();
        int advice;
        switch (line.word(3, "hugepage|nohugepage|dontneed", usage)) {
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
            int pid = ProcessNames.pidOf(session, process);
            Region r = Region.of(session, var);
            long start;
            long bytes;
            if (explicit) {
                start = r.addr() + offset;
                bytes = r.rangeEnd(line, var, offset, length) - offset;
            } else {
                start = r.malloced() ? r.innerStart() : r.addr();
                bytes = r.malloced() ? Math.max(0, r.innerEnd() - start) : r.size();
            }
            Perror.syscall(session, process, "madvise " + var,
                    () -> session.machine().processes().madvise(pid, start, bytes, advice));
        };
    }

    /** {@code NAME mlock VAR}: locks the pages VAR spans in memory, faulting them in. */
    private static Step mlock(String process, ScenarioLine line, String usage) {
        line.expectWords(3, usage);
        String var = line.words().get(2);
        return session -> {
            int pid = ProcessNames.pidOf(session, process);
            Region r = Region.of(session, var);
            Perror.syscall(session, process, "mlock " + var,
                    () -> session.machine().processes().mlock(pid, r.pageStart(), r.pageEnd() - r.pageStart()));
        };
    }

    /** {@code NAME brk SIZE}: sets the heap to SIZE bytes past its start. */
    private static Step brk(String process, ScenarioLine line, String usage) {
        line.expectWords(3, usage);
        long size = line.size(line.words().get(2));
        return session -> {
            int pid = ProcessNames.pidOf(session, process);
            Processes p = session.machine().processes();
            long start = p.vmas(pid).stream().filter(v -> v.name().equals("[heap]")).mapToLong(v -> v.start())
                    .findFirst().orElse(-1);
            long base = start >= 0 ? start : p.brk(pid, 0);
            p.brk(pid, base + size);
        };
    }
}
