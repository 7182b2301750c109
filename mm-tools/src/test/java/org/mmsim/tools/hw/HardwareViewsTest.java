package org.mmsim.tools.hw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mmsim.api.CpuSpec;
import org.mmsim.api.MachineConfig;
import org.mmsim.tools.proc.LinuxSamples;

/**
 * The hardware views against the real tools. The build machine is a 2-CPU Zen 4 guest (6.18, util-linux 2.38.1)
 * whose caches are the {@code zen4} preset's: {@code lscpu -C}, {@code lscpu | grep cache},
 * {@code grep . /sys/devices/system/cpu/cpu0/cache/index* /*} and {@code getconf -a | grep CACHE} there gave the
 * figures pinned here.
 */
class HardwareViewsTest {
    private static final MachineConfig ZEN4 = MachineConfig.builder().cpu(CpuSpec.preset("zen4")).cpus(2).build();

    private static org.mmsim.api.physical.PhysicalMemory booted(MachineConfig config) {
        return org.mmsim.tools.machine.MachineAssembler.boot(config,
                org.mmsim.trace.plugin.PolicyRegistry.load(java.util.Optional.empty())).physicalMemory();
    }

    @Test
    void lscpuCachesIsTheRealTable() {
        assertEquals(String.join("\n",
                "NAME ONE-SIZE ALL-SIZE WAYS TYPE        LEVEL  SETS PHY-LINE COHERENCY-SIZE",
                "L1d       32K      64K    8 Data            1    64        1             64",
                "L1i       32K      64K    8 Instruction     1    64        1             64",
                "L2         1M       2M    8 Unified         2  2048        1             64",
                "L3        32M      32M   16 Unified         3 32768        1             64", ""), Lscpu.caches(ZEN4));
    }

    @Test
    void lscpuHasTheRealCacheLinesInTheSamplesLayout() {
        String summary = Lscpu.summary(ZEN4);
        assertTrue(summary.contains("L1d cache:                               64 KiB (2 instances)\n"
                + "L1i cache:                               64 KiB (2 instances)\n"
                + "L2 cache:                                2 MiB (2 instances)\n"
                + "L3 cache:                                32 MiB (1 instance)\n"), summary);
        // Every line is one of the sample's names, in the sample's order, its value in the sample's column.
        List<String> sample = LinuxSamples.lines("lscpu.txt");
        int at = 0;
        for (String line : summary.lines().toList()) {
            String name = line.substring(0, line.indexOf(':') + 1);
            if (name.endsWith(" cache:")) {
                continue;
            }
            int found = -1;
            for (int i = at; i < sample.size() && found < 0; i++) {
                if (sample.get(i).startsWith(name)) {
                    found = i;
                }
            }
            assertTrue(found >= 0, "in the sample's order: " + line);
            assertEquals(sample.get(found).indexOf(sample.get(found).substring(name.length()).trim()),
                    line.indexOf(line.substring(name.length()).trim()), line);
            at = found + 1;
        }
    }

    @Test
    void sysCacheFilesAreTheRealOnes() {
        Map<String, String> real = Map.ofEntries(
                Map.entry("index0/level", "1"), Map.entry("index0/type", "Data"), Map.entry("index0/size", "32K"),
                Map.entry("index0/ways_of_associativity", "8"), Map.entry("index0/number_of_sets", "64"),
                Map.entry("index0/shared_cpu_list", "0"), Map.entry("index0/shared_cpu_map", "1"),
                Map.entry("index1/type", "Instruction"), Map.entry("index1/coherency_line_size", "64"),
                Map.entry("index2/level", "2"), Map.entry("index2/size", "1024K"), Map.entry("index2/number_of_sets", "2048"),
                Map.entry("index2/physical_line_partition", "1"), Map.entry("index2/id", "0"),
                Map.entry("index3/level", "3"), Map.entry("index3/size", "32768K"), Map.entry("index3/type", "Unified"),
                Map.entry("index3/ways_of_associativity", "16"), Map.entry("index3/number_of_sets", "32768"),
                Map.entry("index3/shared_cpu_list", "0-1"), Map.entry("index3/shared_cpu_map", "3"),
                Map.entry("index3/id", "0"));
        real.forEach((file, value) -> assertEquals(value + "\n",
                SysCpuCache.read(ZEN4, "/sys/devices/system/cpu/cpu0/cache/" + file), file));
        assertEquals("1\n", SysCpuCache.read(ZEN4, "/sys/devices/system/cpu/cpu1/cache/index2/id"), "a private cache per CPU");
        assertEquals("no such file '/sys/devices/system/cpu/cpu2/cache/index0/size'; expected cpu0 to cpu1",
                assertThrows(IllegalArgumentException.class,
                        () -> SysCpuCache.read(ZEN4, "/sys/devices/system/cpu/cpu2/cache/index0/size")).getMessage());
        assertEquals("no such file '/sys/devices/system/cpu/cpu0/cache/index0/sizes'; did you mean "
                + "'/sys/devices/system/cpu/cpu0/cache/index0/size'?", assertThrows(IllegalArgumentException.class,
                        () -> SysCpuCache.read(ZEN4, "/sys/devices/system/cpu/cpu0/cache/index0/sizes")).getMessage());
    }

    @Test
    void getconfHasTheRealFirstLevelsAndL2() {
        Map<String, Long> values = HardwareViews.getconf(ZEN4, booted(ZEN4));
        assertEquals(32768L, values.get("LEVEL1_DCACHE_SIZE"));
        assertEquals(8L, values.get("LEVEL1_DCACHE_ASSOC"));
        assertEquals(64L, values.get("LEVEL1_DCACHE_LINESIZE"));
        assertEquals(32768L, values.get("LEVEL1_ICACHE_SIZE"));
        assertEquals(1048576L, values.get("LEVEL2_CACHE_SIZE"));
        assertEquals(8L, values.get("LEVEL2_CACHE_ASSOC"));
        assertEquals(64L, values.get("LEVEL2_CACHE_LINESIZE"));
        // The model's L3 as /sys shows it: this guest's glibc reads cpuid leaves the hypervisor fills in oddly
        // (LEVEL3_CACHE_SIZE 335544320, ASSOC 0).
        assertEquals(33554432L, values.get("LEVEL3_CACHE_SIZE"));
    }

    /**
     * Sixteen Skylake-SP cores over two nodes of 8 share one 22 MiB L3 a node; forty CPUs make a mask of two 32-bit
     * words; Zen 4's L3 serves a complex of 8 cores.
     */
    @Test
    void sharingFollowsTheNodesAndTheComplexes() {
        CpuTopology skylake = new CpuTopology(MachineConfig.builder().cpus(16).nodes(2).ramBytes(1L << 30).build());
        assertEquals(List.of(8, 9, 10, 11, 12, 13, 14, 15), skylake.sharing(12, 3));
        assertEquals(2, skylake.instances(3));
        assertEquals(1, skylake.id(12, 3));
        CpuTopology zen = new CpuTopology(MachineConfig.builder().cpu(CpuSpec.preset("zen4")).cpus(16).build());
        assertEquals(List.of(8, 9, 10, 11, 12, 13, 14, 15), zen.sharing(9, 3));
        assertEquals("8-15", CpuTopology.kernelList(zen.sharing(9, 3)));
        assertEquals("0000,0000ff00", CpuTopology.kernelMask(zen.sharing(9, 3), 48));
        assertEquals("ff,00000000", CpuTopology.kernelMask(List.of(32, 33, 34, 35, 36, 37, 38, 39), 40));
        assertEquals("0,1", CpuTopology.utilLinuxList(List.of(0, 1)));
        assertEquals("0-2,5", CpuTopology.utilLinuxList(List.of(0, 1, 2, 5)));
    }

    /** numactl's hardware(): {@code available: N nodes (0-N)}, then the distances with {@code % 3d}. */
    @Test
    void numactlHardwareHasNumactlsLayout() {
        MachineConfig two = MachineConfig.builder().cpus(4).nodes(2).ramBytes(2L << 30).build();
        String text = HardwareViews.numactlHardware(two, booted(two));
        assertTrue(text.startsWith("available: 2 nodes (0-1)\nnode 0 cpus: 0 1\n"), text);
        assertTrue(text.endsWith("node distances:\nnode   0   1 \n  0:  10  21 \n  1:  21  10 \n"), text);
    }
}
