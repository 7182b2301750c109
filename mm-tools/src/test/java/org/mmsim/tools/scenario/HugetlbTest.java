package org.mmsim.tools.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmsim.api.paging.MemSizeStats;
import org.mmsim.api.paging.Processes;
import org.mmsim.api.paging.Prot;
import org.mmsim.api.paging.SyscallException;
import org.mmsim.api.paging.VmaInfo;
import org.mmsim.api.physical.HugetlbPools;
import org.mmsim.api.stat.VmItem;
import org.mmsim.tools.machine.SimulatedMachine;

/**
 * MAP_HUGETLB mappings against the figures of the real Linux 6.18 of this project's machine, made by
 * docs/fidelity/hugetlb.c ({@code gcc -O1 -Wall -o hugetlb docs/fidelity/hugetlb.c; echo 8 >
 * /proc/sys/vm/nr_hugepages; ./hugetlb; echo 0 > /proc/sys/vm/nr_hugepages}): a pool of 8 huge pages of 2 MiB, a
 * private mapping of 4, 2 touched, a fork whose child writes one, the child's exit, munmap, and a MAP_NORESERVE
 * mapping of 10 written until SIGBUS. docs/FIDELITY.md lists them side by side.
 */
class HugetlbTest {
    private static final ScenarioHarness SCENARIOS = new ScenarioHarness("hugetlb.mms");
    private static final List<String> POOL = List.of("machine ram=24G cpus=2", "echo 8 > /proc/sys/vm/nr_hugepages",
            "spawn p", "p mmap buf 8M hugetlb");

    private static ScenarioResult run(String... more) {
        List<String> lines = new java.util.ArrayList<>(POOL);
        lines.addAll(List.of(more));
        return SCENARIOS.run(lines);
    }

    /** HugePages_Total, _Free, _Rsvd and _Surp of the 2 MiB pool. */
    private static List<Long> pool(ScenarioResult result) {
        HugetlbPools pools = result.machine().hugetlb();
        return List.of(pools.nrHugePages(9), pools.freeHugePages(9), pools.resvHugePages(9), pools.surplusHugePages(9));
    }

    private static VmaInfo buffer(ScenarioResult result, String comm) {
        int pid = result.machine().processes().pidOf(comm).getAsInt();
        return result.machine().processes().vmas(pid).stream().filter(v -> v.name().equals("/anon_hugepage (deleted)"))
                .findFirst().orElseThrow();
    }

    /** The buffer's Rss, Shared_Hugetlb and Private_Hugetlb in {@code comm}, in kB. */
    private static List<Long> smaps(ScenarioResult result, String comm) {
        MemSizeStats m = buffer(result, comm).smaps();
        return List.of(m.rss() >> 10, m.sharedHugetlb() >> 10, m.privateHugetlb() >> 10);
    }

    @Test
    void mmapReservesFaultsTakeReservedPagesAndNoneIsRss() {
        ScenarioResult mapped = run();
        // Real: Total 8, Free 8, Rsvd 4 after the mmap; htlb_buddy_alloc_success 8; Hugetlb 16384 kB.
        assertEquals(List.of(8L, 8L, 4L, 0L), pool(mapped));
        assertEquals(8, mapped.machine().vmstat().get(VmItem.HTLB_BUDDY_ALLOC_SUCCESS));
        assertTrue(mapped.machine().proc().read("/proc/meminfo").contains("Hugetlb:           16384 kB\n"));
        VmaInfo vma = buffer(mapped, "p");
        assertEquals(8L << 20, vma.size());
        assertEquals(2L << 20, vma.pageSize());
        assertEquals(0, vma.start() % (2L << 20));

        ScenarioResult touched = run("p touch buf write length=4M");
        // Real: Free 6, Rsvd 2, nr_hugetlb 1024; smaps Rss 0, Private_Hugetlb 4096; status HugetlbPages 4096 kB.
        assertEquals(List.of(8L, 6L, 2L, 0L), pool(touched));
        assertEquals(1024, touched.machine().vmstat().get(VmItem.NR_HUGETLB));
        assertEquals(List.of(0L, 0L, 4096L), smaps(touched, "p"));
        int pid = touched.machine().processes().pidOf("p").getAsInt();
        String status = touched.machine().proc().read("/proc/" + pid + "/status");
        assertEquals(4096, ScenarioHarness.figure(status, "HugetlbPages"));
        String smaps = touched.machine().proc().read("/proc/" + pid + "/smaps");
        assertTrue(smaps.contains("KernelPageSize:     2048 kB\nMMUPageSize:        2048 kB\n"), smaps);
        assertTrue(smaps.contains("VmFlags: rd wr mr mw me de ht \n"), smaps);
    }

    @Test
    void forkSharesThePagesAndTheChildsWriteCopiesOneFromThePoolNotTheReservations() {
        ScenarioResult forked = run("p touch buf write length=4M", "p fork c");
        // Real: the child's smaps Shared_Hugetlb 4096, Private_Hugetlb 0; the pool unchanged.
        assertEquals(List.of(0L, 4096L, 0L), smaps(forked, "c"));
        assertEquals(List.of(8L, 6L, 2L, 0L), pool(forked));

        ScenarioResult copied = run("p touch buf write length=4M", "p fork c", "c touch buf write length=1");
        // Real: Free 5, Rsvd 2 (the copy takes no reservation); the child's Shared_Hugetlb 2048, Private_Hugetlb 2048.
        assertEquals(List.of(8L, 5L, 2L, 0L), pool(copied));
        assertEquals(List.of(0L, 2048L, 2048L), smaps(copied, "c"));
        assertEquals(1536, copied.machine().vmstat().get(VmItem.NR_HUGETLB));
        // The copy carries the parent's content; the write after it only the child's page.
        SimulatedMachine m = copied.machine();
        int p = m.processes().pidOf("p").getAsInt();
        int c = m.processes().pidOf("c").getAsInt();
        long addr = buffer(copied, "p").start();
        assertEquals(m.processes().read(p, addr + 4096), m.processes().read(c, addr + 4096));
        assertNotEquals(m.processes().read(p, addr), m.processes().read(c, addr));

        ScenarioResult exited = run("p touch buf write length=4M", "p fork c", "c touch buf write length=1", "c exit");
        // Real: Free 6, Rsvd 2 after the child's exit; Free 8, Rsvd 0 after the parent's munmap.
        assertEquals(List.of(8L, 6L, 2L, 0L), pool(exited));
        ScenarioResult unmapped = run("p touch buf write length=4M", "p fork c", "c touch buf write length=1", "c exit",
                "p munmap buf");
        assertEquals(List.of(8L, 8L, 0L, 0L), pool(unmapped));
        assertEquals(0, unmapped.machine().vmstat().get(VmItem.NR_HUGETLB));
    }

    @Test
    void aMappingThePoolCannotReserveIsEnomemAndMapNoreserveGetsSigbusAtTheFaultPastThePool() {
        ScenarioResult result = SCENARIOS.run("machine ram=24G cpus=2", "echo 8 > /proc/sys/vm/nr_hugepages", "spawn p",
                "p mmap big 20M hugetlb", "p mmap big 20M hugetlb noreserve", "p touch big write stride=2M");
        // Real: ENOMEM, then mapped; nothing reserved; the child writing page by page dies at the 9th (index 8).
        assertTrue(ScenarioHarness.printedBy(result, 4).contains("ENOMEM"), ScenarioHarness.printedBy(result, 4));
        String sigbus = ScenarioHarness.printedBy(result, 6);
        assertTrue(sigbus.contains("Bus error"), sigbus);
        assertEquals(List.of(8L, 8L, 0L, 0L), pool(result), "the killed task's pages are back in the pool");
    }

    @Test
    void sharedMappingsShareTheFilesPagesAcrossForkAndFreeThemWithTheLastMapping() {
        ScenarioResult result = run("p mmap shm 4M hugetlb shared", "p touch shm write", "p fork c", "c touch shm read");
        // The mmap reserved 2 more; the parent's writes took both; the child found them in the file.
        assertEquals(List.of(8L, 6L, 4L, 0L), pool(result));
        int c = result.machine().processes().pidOf("c").getAsInt();
        MemSizeStats shm = result.machine().processes().vmas(c).stream().filter(v -> v.perms().equals("rw-s"))
                .findFirst().orElseThrow().smaps();
        assertEquals(4096, shm.sharedHugetlb() >> 10);
        ScenarioResult gone = run("p mmap shm 4M hugetlb shared", "p touch shm write", "p fork c", "c exit", "p exit");
        assertEquals(List.of(8L, 8L, 0L, 0L), pool(gone));
    }

    @Test
    void gigantic1GPagesMapThroughThePud() {
        ScenarioResult result = SCENARIOS.run("machine ram=4G", "echo 1 > /sys/kernel/mm/hugepages/hugepages-1048576kB/nr_hugepages",
                "spawn p", "p mmap g 1G hugetlb=1G", "p touch g write", "p exit");
        HugetlbPools pools = result.machine().hugetlb();
        assertEquals(1, pools.nrHugePages(18));
        assertEquals(1, pools.freeHugePages(18));
        assertTrue(result.machine().proc().read("/proc/meminfo").contains("Hugetlb:         1048576 kB\n"));
        // htlb_buddy_alloc_* count only buddy allocations, as on the real machine (1 GiB pool: still 0).
        assertEquals(0, result.machine().vmstat().get(VmItem.HTLB_BUDDY_ALLOC_SUCCESS));
    }

    @Test
    void hugetlbMappingsAreNeverChargedToOvercommitNotEvenByMprotect() {
        ScenarioResult before = SCENARIOS.run("machine ram=24G cpus=2", "echo 8 > /proc/sys/vm/nr_hugepages", "spawn p");
        long committed = before.machine().processes().overcommit().committed();
        ScenarioResult after = run("p mprotect buf prot=r", "p mprotect buf prot=rw");
        // accountable_mapping() and mprotect_fixup() leave VM_HUGETLB out: the pool's reservation is its accounting.
        assertEquals(committed, after.machine().processes().overcommit().committed());
        assertEquals(List.of(8L, 8L, 4L, 0L), pool(after));
    }

    @Test
    void twoLevelI386Has4MiBPagesAndNo1GiBPool() {
        ScenarioResult result = SCENARIOS.run("machine arch=i386 ram=1G", "sysctl vm.nr_hugepages=4", "spawn p",
                "p mmap b 4M hugetlb", "p touch b write");
        // HPAGE_SHIFT 22 without PAE: a page directory entry's page.
        assertTrue(result.machine().proc().read("/proc/meminfo").contains("Hugepagesize:       4096 kB\n"));
        assertEquals(List.of(4L, 3L, 0L), List.of(result.machine().hugetlb().nrHugePages(10),
                result.machine().hugetlb().freeHugePages(10), result.machine().hugetlb().resvHugePages(10)));
        String error = SCENARIOS.error("machine arch=i386 ram=1G",
                "cat /sys/kernel/mm/hugepages/hugepages-1048576kB/nr_hugepages");
        assertTrue(error.contains("No such file or directory (no 1048576 kB huge pages on i386)"), error);
    }

    @Test
    void munmapOfPartOfAHugePageIsEinvalAndChangesNothing() {
        ScenarioResult result = run("p touch buf write length=2M");
        SimulatedMachine m = result.machine();
        int p = m.processes().pidOf("p").getAsInt();
        long addr = buffer(result, "p").start();
        SyscallException e = assertThrows(SyscallException.class, () -> m.processes().munmap(p, addr, 1L << 20));
        assertEquals("EINVAL", e.errno());
        assertEquals(List.of(8L, 7L, 3L, 0L), pool(result));
        assertEquals(Processes.NO_FAULT, m.processes().access(p, addr, org.mmsim.api.paging.AccessType.READ));
        SyscallException size = assertThrows(SyscallException.class, () -> m.processes().mmap(p, 0, 1 << 20,
                Prot.PROT_READ, Prot.MAP_PRIVATE | Prot.MAP_ANONYMOUS | Prot.MAP_HUGETLB | (25 << Prot.MAP_HUGE_SHIFT),
                null, 0));
        assertEquals("EINVAL", size.errno());
    }
}
