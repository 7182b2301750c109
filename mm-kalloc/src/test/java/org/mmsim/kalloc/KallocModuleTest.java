package org.mmsim.kalloc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class KallocModuleTest {
    @Test
    void testsRunOnTheModulePath() {
        assertEquals("org.mmsim.kalloc", getClass().getModule().getName());
    }
}
