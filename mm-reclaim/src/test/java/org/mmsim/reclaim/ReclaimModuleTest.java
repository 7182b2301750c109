package org.mmsim.reclaim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.mmsim.reclaim.fake.FakeFrames;
import org.mmsim.reclaim.lru.LruLists;

/** The tests run on the module path, patched into {@code org.mmsim.reclaim}, fakes and all. */
class ReclaimModuleTest {
    @Test
    void testsRunInsideTheReclaimModule() {
        Module module = getClass().getModule();
        assertEquals("org.mmsim.reclaim", module.getName());
        assertEquals(module, LruLists.class.getModule(), "the code under test");
        assertEquals(module, FakeFrames.class.getModule(), "the fakes of the other layers");
        assertEquals("org.mmsim.api", org.mmsim.api.kernel.PageFrames.class.getModule().getName());
    }

    @Test
    void theUnexportedPackagesAreNotExported() {
        Module module = getClass().getModule();
        assertFalse(module.isExported("org.mmsim.reclaim.lru"));
        assertFalse(module.isExported("org.mmsim.reclaim.vmscan"));
        assertFalse(module.isExported("org.mmsim.reclaim.swap"));
        assertTrue(module.isExported("org.mmsim.reclaim"));
    }

    @Test
    void jqwikReportsOnlyFailures() throws IOException {
        // junit-platform.properties from the test resources, where the platform finds it inside the patched module.
        Properties properties = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("junit-platform.properties")) {
            assertNotNull(in, "junit-platform.properties on the test path");
            properties.load(in);
        }
        assertEquals("true", properties.getProperty("jqwik.reporting.onlyfailures"));
    }
}
