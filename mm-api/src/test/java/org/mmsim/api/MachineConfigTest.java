package org.mmsim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MachineConfigTest {
    @Test
    void theDefaultsAreTheDocumentedMachine() {
        MachineConfig config = MachineConfig.defaults();
        assertEquals(Arch.X86_64, config.arch());
        assertEquals(4L << 30, config.ramBytes());
        assertEquals(1, config.nodes());
        assertEquals(2, config.cpus());
        assertEquals(4, config.pagingLevels());
        assertEquals(1L << 30, config.swapBytes());
        assertEquals("linux", config.replacementPolicy());
        assertEquals("linux", config.oomPolicy());
        assertEquals(1_048_576, config.ramPages());
    }

    @Test
    void theBuilderChangesOnlyWhatItIsTold() {
        MachineConfig config = MachineConfig.builder().ramBytes(8L << 30).swapBytes(0).build();
        assertEquals(MachineConfig.defaults().toBuilder().ramBytes(8L << 30).swapBytes(0).build(), config);
        assertEquals(2, config.cpus());
    }

    @Test
    void choosingI386ChoosesItsPageTables() {
        assertEquals(2, MachineConfig.builder().arch(Arch.I386).build().pagingLevels());
    }

    @Test
    void valuesLinuxCouldNotBootAreRefusedWithWhatWasExpected() {
        assertEquals("ram 12345 bytes; expected a whole number of 4 KiB pages from 16M to 4T",
                assertThrows(IllegalArgumentException.class, () -> MachineConfig.builder().ramBytes(12345).build()).getMessage());
        assertEquals("levels 3 on x86_64; expected 4 or 5",
                assertThrows(IllegalArgumentException.class, () -> MachineConfig.builder().pagingLevels(3).build()).getMessage());
        assertThrows(IllegalArgumentException.class, () -> MachineConfig.builder().cpus(0).build());
        assertThrows(IllegalArgumentException.class, () -> MachineConfig.builder().swapBytes(-4096).build());
        assertEquals("swap 36864 bytes; expected 0 or 40K (10 pages) to 4T",
                assertThrows(IllegalArgumentException.class, () -> MachineConfig.builder().swapBytes(9 * 4096).build()).getMessage());
        assertThrows(IllegalArgumentException.class, () -> MachineConfig.builder().swapBytes((4L << 40) + 4096).build());
        assertThrows(IllegalArgumentException.class, () -> MachineConfig.builder().arch(Arch.I386).ramBytes(8L << 30).build());
        assertThrows(IllegalArgumentException.class, () -> MachineConfig.builder().nodes(300).build());
    }

    @Test
    void testsRunOnTheModulePath() {
        assertEquals("org.mmsim.api", getClass().getModule().getName());
    }
}
