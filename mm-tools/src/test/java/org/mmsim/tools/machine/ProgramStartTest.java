package org.mmsim.tools.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.paging.MmCounters;
import org.mmsim.api.paging.Processes;
import org.mmsim.api.paging.ProgramImages;
import org.mmsim.api.paging.VmFlags;
import org.mmsim.api.paging.VmaInfo;
import org.mmsim.api.stat.VmItem;
import org.mmsim.trace.plugin.PolicyRegistry;

/**
 * A program at start: exec maps its image and libraries from the page cache, and what the dynamic loader and libc's
 * start touch becomes resident, file pages shared between the programs of one image.
 *
 * <p>The real figures are a small C program's on this project's Linux 6.18.44 x86-64 machine (Debian's glibc),
 * docs/fidelity/pause.c: {@code gcc -O2 -o pausep docs/fidelity/pause.c; ./pausep & grep Rss /proc/$!/status}
 * gave VmRSS 1112 kB, RssAnon 92 kB, RssFile 1020 kB, RssShmem 0 kB; pmap -x showed libc's text 664 of 1368 kB
 * resident, its first read-only segment 148 of 152, the dynamic loader whole (196 kB), 12 kB of stack. RssFile
 * moves between 972 and 1064 kB from run to run (address randomisation moves libc's text across the 64 KiB
 * windows of fault-around); RssAnon stays at 92 kB.
 */
class ProgramStartTest {
    private static final long REAL_RSS_FILE_KB = 1020;
    private static final long REAL_RSS_ANON_KB = 92;

    private final SimulatedMachine machine = MachineAssembler.boot(MachineConfig.builder().ramBytes(256L << 20).build(),
            PolicyRegistry.load(Optional.empty()));
    private final Processes processes = machine.processes();

    private MmCounters counters(int pid) {
        return processes.task(pid).counters();
    }

    @Test
    void aSmallCProgramStartsWithTheRealMachinesRss() {
        MmCounters hello = counters(processes.spawn("p", ProgramImages.builtIn("hello")));
        // File pages, in KiB, from the model's layout (ProgramImages' sizes, ElfLoader's rules):
        //   hello: headers pageAlign(20K / 3) = 8, its 20K text in one 64 KiB window: 28
        //   ld.so: all of it, 152 text + 44 read-only data: 196
        //   libc: headers pageAlign(484K / 3) = 164; text 0x7ffff7e09000-0x7ffff7f5f000, every other aligned
        //         64 KiB window from 0x7ffff7e00000: 7 pages of the first, then 10 whole ones: 167 pages = 668
        assertEquals(28 + 196 + 164 + 668, hello.rssFile() * 4);
        // Anonymous pages (private copies and zero-fill): RELRO and data of hello (4 + 4), libc (16 + 8, and half
        // its 52K bss, 24) and ld.so (8 + 8), three pages of stack (12).
        assertEquals(8 + 48 + 16 + 12, hello.rssAnon() * 4);
        assertEquals(0, hello.rssShmem());
        assertTrue(Math.abs(hello.rssFile() * 4 - REAL_RSS_FILE_KB) <= REAL_RSS_FILE_KB / 10,
                "RssFile within 10% of the real machine's");
        assertTrue(Math.abs(hello.rssAnon() * 4 - REAL_RSS_ANON_KB) <= REAL_RSS_ANON_KB / 10,
                "RssAnon within 10% of the real machine's");
    }

    @Test
    void theLibrariesHaveFiveMappingsTheirRelroReadOnly() {
        int pid = processes.spawn("p", ProgramImages.builtIn("hello"));
        List<String> libc = processes.vmas(pid).stream().filter(v -> v.name().endsWith("/libc.so.6"))
                .map(ProgramStartTest::perms).toList();
        assertEquals(List.of("r--", "r-x", "r--", "r--", "rw-"), libc);
        VmaInfo relro = processes.vmas(pid).stream().filter(v -> v.name().endsWith("/libc.so.6")).toList().get(3);
        assertEquals(16 << 10, relro.size());
        assertEquals(relro.size(), relro.smaps().anonymous(), "every RELRO page is a private copy");
    }

    private static String perms(VmaInfo vma) {
        return ((vma.flags() & VmFlags.VM_READ) != 0 ? "r" : "-") + ((vma.flags() & VmFlags.VM_WRITE) != 0 ? "w" : "-")
                + ((vma.flags() & VmFlags.VM_EXEC) != 0 ? "x" : "-");
    }

    @Test
    void programsOfOneImageShareItsPageCachePages() {
        int first = processes.spawn("a", ProgramImages.builtIn("hello"));
        long cached = machine.vmstat().get(VmItem.NR_FILE_PAGES);
        long mapped = machine.vmstat().get(VmItem.NR_MAPPED);
        int second = processes.spawn("b", ProgramImages.builtIn("hello"));
        assertEquals(counters(first).rssFile(), counters(second).rssFile());
        assertEquals(cached, machine.vmstat().get(VmItem.NR_FILE_PAGES), "no page read again");
        assertEquals(mapped, machine.vmstat().get(VmItem.NR_MAPPED), "no page mapped for the first time");
        assertEquals(counters(second).rssFile() * 4096, processes.smapsRollup(second).sharedClean());
    }

    @Test
    void dropCachesLeavesTheMappedPages() {
        int pid = processes.spawn("p", ProgramImages.builtIn("hello"));
        long rssFile = counters(pid).rssFile();
        long mapped = machine.vmstat().get(VmItem.NR_MAPPED);
        machine.files().dropCaches(1);
        assertEquals(rssFile, counters(pid).rssFile());
        assertEquals(mapped, machine.vmstat().get(VmItem.NR_MAPPED));
        assertTrue(machine.vmstat().get(VmItem.NR_FILE_PAGES) >= mapped, "Cached keeps every mapped page");
    }
}
