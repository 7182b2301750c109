package org.mmsim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The CPU presets, against the parts' published cache geometries. */
class CpuSpecTest {
    @Test
    void skylakeSpIsAXeonGold6142() {
        CpuSpec cpu = CpuSpec.preset("skylake-sp");
        // 22 MiB of L3 in 11 ways of 64-byte lines: 32768 sets (16 slices of 2048).
        assertEquals(32768, cpu.caches().llc().geometry().size() / 64 / cpu.caches().llc().geometry().ways());
        assertEquals(1 << 20, cpu.caches().l2().orElseThrow().geometry().size());
        assertEquals(16, cpu.llcCpus());
        assertEquals(cpu, CpuSpec.defaults());
    }

    @Test
    void zen4SharesItsL3AmongEightCores() {
        CpuSpec cpu = CpuSpec.preset("zen4");
        assertEquals(8, cpu.llcCpus());
        assertEquals(32L << 20, cpu.caches().llc().geometry().size());
        assertEquals(8, cpu.caches().l2().orElseThrow().geometry().ways());
    }

    @Test
    void aMachineOfSeveralNodesIsNumaUnlessToldOtherwise() {
        assertEquals(MemoryArch.UMA, MachineConfig.defaults().memory());
        assertEquals(MemoryArch.NUMA, MachineConfig.builder().nodes(2).build().memory());
        assertEquals(MemoryArch.NUMA, MachineConfig.builder().memory(MemoryArch.NUMA).build().memory());
        assertThrows(IllegalArgumentException.class,
                () -> MachineConfig.builder().nodes(2).memory(MemoryArch.UMA).build());
        assertEquals("unknown cpu 'skylake'; expected one of skylake-sp, zen4",
                assertThrows(IllegalArgumentException.class, () -> CpuSpec.preset("skylake")).getMessage());
    }
}
