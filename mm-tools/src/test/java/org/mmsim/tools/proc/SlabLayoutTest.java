package org.mmsim.tools.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.mmsim.trace.plugin.PolicyRegistry;
import org.mmsim.tools.scenario.ScenarioRunner;
import org.mmsim.tools.scenario.VerbTable;

/**
 * /proc/slabinfo and slabtop against the real Linux 6.18 machine of linux-6.18-samples: the header lines are the
 * sample's, every sample row comes out byte for byte from its own numbers, and a booted machine's
 * ext4_inode_cache has the sample's object size, objects per slab and pages per slab (both machines have 2 CPUs).
 */
class SlabLayoutTest {
    private static String run(String... lines) {
        ScenarioRunner runner = new ScenarioRunner(PolicyRegistry.load(Optional.empty()), VerbTable.standard());
        return runner.run("slab.mms", List.of(lines), OptionalLong.empty()).text();
    }

    @Test
    void theHeaderIsTheKernels() {
        List<String> sample = LinuxSamples.lines("proc-slabinfo.txt");
        List<String> ours = run("machine ram=1G cpus=2", "cat /proc/slabinfo").lines().toList();
        assertEquals(sample.get(0), ours.get(0));
        assertEquals(sample.get(1), ours.get(1));
    }

    @Test
    void everySampleRowComesOutOfItsNumbers() {
        List<String> sample = LinuxSamples.lines("proc-slabinfo.txt");
        for (String line : sample.subList(2, sample.size())) {
            String[] f = line.split(" +");
            // name active num objsize objperslab pagesperslab : tunables 0 0 0 : slabdata active num shared
            assertEquals(line, SlabinfoFile.row(f[0], Long.parseLong(f[1]), Long.parseLong(f[2]), Integer.parseInt(f[3]),
                    Integer.parseInt(f[4]), Integer.parseInt(f[5]), Long.parseLong(f[13]), Long.parseLong(f[14])));
        }
    }

    @Test
    void aBootedMachinesExt4InodeCacheIsTheSamples() {
        String sampleRow = LinuxSamples.lines("proc-slabinfo.txt").stream().filter(l -> l.startsWith("ext4_inode_cache "))
                .findFirst().orElseThrow();
        String ours = run("machine ram=1G cpus=2", "cat /proc/slabinfo").lines()
                .filter(l -> l.startsWith("ext4_inode_cache ")).findFirst().orElseThrow();
        String[] s = sampleRow.split(" +");
        String[] o = ours.split(" +");
        assertEquals(List.of(s[3], s[4], s[5]), List.of(o[3], o[4], o[5]), "objsize, objperslab, pagesperslab");
        assertEquals(sampleRow.length(), ours.length());
    }

    @Test
    void slabinfoCountsWhatWasAllocated() {
        String text = run("machine ram=1G cpus=2", "kmalloc a 100", "kmalloc b 128", "cat /proc/slabinfo");
        assertTrue(text.contains("\nkmalloc-128           32     32    128   32    1 : tunables    0    0    0 : slabdata"
                + "      1      1      0\n"), text);
    }

    @Test
    void slabtopHasProcpsLayout() {
        String text = run("machine ram=1G cpus=2", "kmalloc a 100", "kmem_cache_alloc t task_struct", "slabtop");
        List<String> lines = text.lines().toList();
        // kmalloc-128: one slab of 32 (a CPU slab's objects all count as active); task_struct: 5800 bytes aligned to
        // 64 = 5824 = 5.69K, 5 in an order-3 slab (8 pages, 32K). The biggest object of any cache, empty ones too,
        // is now kmalloc-8k's: 8.00K.
        assertEquals(" Active / Total Objects (% used)    : 37 / 37 (100.0%)", lines.get(2));
        assertEquals(" Active / Total Slabs (% used)      : 2 / 2 (100.0%)", lines.get(3));
        assertTrue(lines.get(4).startsWith(" Active / Total Caches (% used)     : 2 / "), lines.get(4));
        assertTrue(lines.get(5).matches(" Active / Total Size \\(% used\\)       : [0-9.]+K / [0-9.]+K \\(100.0%\\)"), lines.get(5));
        assertTrue(lines.get(6).matches(" Minimum / Average / Maximum Object : 0.01K / [0-9.]+K / 8.00K"), lines.get(6));
        assertEquals("", lines.get(7));
        assertEquals("  OBJS ACTIVE  USE OBJ SIZE  SLABS OBJ/SLAB CACHE SIZE NAME                   ", lines.get(8));
        assertEquals("    32     32 100%    0.12K      1       32         4K kmalloc-128            ", lines.get(9));
        assertEquals("     5      5 100%    5.69K      1        5        32K task_struct            ", lines.get(10));
    }

    @Test
    void meminfoCountsReclaimableAndUnreclaimableSlabs() {
        String text = run("machine ram=1G cpus=2", "kmalloc a 100", "kmalloc r 1000 gfp=GFP_KERNEL|__GFP_RECLAIMABLE",
                "cat /proc/meminfo");
        assertTrue(text.contains("KReclaimable:         16 kB\nSlab:                 20 kB\nSReclaimable:         16 kB\n"
                + "SUnreclaim:            4 kB\n"), text);
    }
}
