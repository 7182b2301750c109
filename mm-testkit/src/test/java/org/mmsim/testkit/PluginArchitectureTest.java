package org.mmsim.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;
import org.mmsim.spi.PolicySettings;
import org.mmsim.spi.ReplacementPolicy;
import org.mmsim.spi.ReplacementPolicyProvider;

class PluginArchitectureTest {
    /** A provider that reaches outside the SPI (into JUnit) and has no public constructor. */
    public static final class Leaky implements ReplacementPolicyProvider {
        private Leaky() {
        }

        @Override
        public String name() {
            return org.junit.jupiter.api.Assertions.class.getSimpleName();
        }

        @Override
        public String description() {
            return "leaks";
        }

        @Override
        public ReplacementPolicy create(PolicySettings settings) {
            return null;
        }
    }

    private final JavaClasses leaky = new ClassFileImporter().importClasses(Leaky.class);

    @Test
    void aDependencyOutsideTheSpiBreaksTheRule() {
        assertThrows(AssertionError.class, () -> PluginArchitecture.dependsOnlyOnTheSpi("org.mmsim.testkit").check(leaky));
    }

    @Test
    void aProviderWithoutAPublicConstructorBreaksTheRule() {
        assertThrows(AssertionError.class, () -> PluginArchitecture.providersAreLoadable("org.mmsim.testkit").check(leaky));
    }

    @Test
    void testsRunOnTheModulePath() {
        assertEquals("org.mmsim.testkit", getClass().getModule().getName());
    }
}
