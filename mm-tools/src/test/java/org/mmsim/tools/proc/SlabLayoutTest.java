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
        // kmalloc-rcl-256, a cache the boot leaves empty: two objects take one slab of 16 (a CPU slab's objects all
        // count as active).
        String text = run("machine ram=1G cpus=2", "kmalloc a 200 gfp=GFP_KERNEL|__GFP_RECLAIMABLE",
                "kmalloc b 256 gfp=GFP_KERNEL|__GFP_RECLAIMABLE", "cat /proc/slabinfo");
        assertTrue(text.contains("\nkmalloc-rcl-256       16     16    256   16    1 : tunables    0    0    0 : slabdata"
                + "      1      1      0\n"), text);
    }

    @Test
    void slabtopHasProcpsLayout() {
        String text = run("machine ram=1G cpus=2", "kmalloc a 200 gfp=GFP_KERNEL|__GFP_RECLAIMABLE", "slabtop");
        List<String> lines = text.lines().toList();
        // A booted machine's caches, then the one the scenario filled: kmalloc-rcl-256, one slab of 16. The biggest
        // object of any cache is kmalloc-8k's: 8.00K.
        assertTrue(lines.get(1).matches(" Active / Total Objects \\(% used\\)    : [0-9]+ / [0-9]+ \\([0-9.]+%\\)"),
                lines.get(1));
        assertTrue(lines.get(2).matches(" Active / Total Slabs \\(% used\\)      : [0-9]+ / [0-9]+ \\([0-9.]+%\\)"),
                lines.get(2));
        assertTrue(lines.get(3).matches(" Active / Total Caches \\(% used\\)     : [0-9]+ / [0-9]+ \\([0-9.]+%\\)"),
                lines.get(3));
        assertTrue(lines.get(4).matches(" Active / Total Size \\(% used\\)       : [0-9.]+K / [0-9.]+K \\([0-9.]+%\\)"),
                lines.get(4));
        assertTrue(lines.get(5).matches(" Minimum / Average / Maximum Object : 0.01K / [0-9.]+K / 8.00K"), lines.get(5));
        assertEquals("", lines.get(6));
        assertEquals("  OBJS ACTIVE  USE OBJ SIZE  SLABS OBJ/SLAB CACHE SIZE NAME                   ", lines.get(7));
        assertTrue(lines.contains("    16     16 100%    0.25K      1       16         4K kmalloc-rcl-256        "), text);
    }

    @Test
    void meminfoCountsReclaimableAndUnreclaimableSlabs() {
        // kmalloc-rcl-1k and kmalloc-dma-128, caches the boot leaves empty: one slab each, reclaimable one of 4
        // pages (16 KiB), unreclaimable one page.
        String before = run("machine ram=1G cpus=2", "cat /proc/meminfo");
        String text = run("machine ram=1G cpus=2", "kmalloc a 100 gfp=GFP_KERNEL|GFP_DMA",
                "kmalloc r 1000 gfp=GFP_KERNEL|__GFP_RECLAIMABLE", "cat /proc/meminfo");
        assertEquals(kb(before, "SReclaimable") + 16, kb(text, "SReclaimable"), text);
        assertEquals(kb(before, "KReclaimable") + 16, kb(text, "KReclaimable"), text);
        assertEquals(kb(before, "SUnreclaim") + 4, kb(text, "SUnreclaim"), text);
        assertEquals(kb(before, "Slab") + 20, kb(text, "Slab"), text);
    }

    private static long kb(String meminfo, String key) {
        return meminfo.lines().filter(l -> l.startsWith(key + ":")).map(l -> l.replaceAll("[^0-9]", ""))
                .mapToLong(Long::parseLong).findFirst().orElseThrow();
    }
}
