package org.mmsim.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.mmsim.plugins.replacement.Fifo;
import org.mmsim.testkit.PluginArchitecture;

class PluginRulesTest {
    @Test
    void builtInPoliciesFollowThePluginRules() {
        PluginArchitecture.check("org.mmsim.plugins");
    }

    @Test
    void testsRunOnTheModulePathInsideThePluginModule() {
        assertEquals("org.mmsim.plugins", Fifo.class.getModule().getName());
        assertEquals("org.mmsim.plugins", getClass().getModule().getName());
    }
}
