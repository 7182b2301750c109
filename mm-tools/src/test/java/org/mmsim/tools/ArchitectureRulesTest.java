package org.mmsim.tools;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import org.junit.jupiter.api.Test;
import org.mmsim.testkit.PluginArchitecture;

/**
 * The class-level architecture rules (ArchUnit) over the main classes of every mmsim module:
 * no layer uses another layer's (or the tools') classes, the API uses no Guice and no implementation, the API a program
 * sees never names the kernel layers' contracts, unexported packages are used only inside their module, no package cycles, and the built-in policies use only the SPI.
 * (Checked from JUnit tests: ArchUnit's own engine finds no {@code @ArchTest} fields in a class patched into a
 * named module under Surefire.)
 */
class ArchitectureRulesTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.mmsim");

    private static final String[] LAYERS = {"org.mmsim.physical", "org.mmsim.paging", "org.mmsim.kalloc", "org.mmsim.reclaim"};

    private static ArchRule layerStaysInItsLane(String layer) {
        java.util.List<String> others = new java.util.ArrayList<>();
        for (String other : LAYERS) {
            if (!other.equals(layer)) {
                others.add(other + "..");
            }
        }
        others.add("org.mmsim.tools..");
        others.add("org.mmsim.plugins..");
        return noClasses().that().resideInAPackage(layer + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others.toArray(String[]::new))
                .because("an implementation module uses only org.mmsim.api");
    }

    private static final ArchRule layersUseOnlyTheApi = CompositeArchRule.of(layerStaysInItsLane(LAYERS[0]))
            .and(layerStaysInItsLane(LAYERS[1])).and(layerStaysInItsLane(LAYERS[2])).and(layerStaysInItsLane(LAYERS[3]));

    private static final ArchRule theApiUsesNoGuiceAndNoImplementation = noClasses().that().resideInAnyPackage("org.mmsim.api..", "org.mmsim.spi..")
            .should().dependOnClassesThat().resideInAnyPackage("com.google.inject..", "jakarta.inject..",
                    "org.mmsim.physical..", "org.mmsim.paging..", "org.mmsim.kalloc..", "org.mmsim.reclaim..",
                    "org.mmsim.plugins..", "org.mmsim.tools..", "org.mmsim.testkit..");

    private static final ArchRule programsNeverSeeTheKernelContracts = noClasses().that().resideInAPackage("org.mmsim.api..")
            .and().resideOutsideOfPackage("org.mmsim.api.kernel..")
            .should().dependOnClassesThat().resideInAPackage("org.mmsim.api.kernel..")
            .because("org.mmsim.api.kernel is exported only to the layers and the composition root: a type every program "
                    + "sees that named it (Swap handing out the swap cache, say) would give a program what only the kernel "
                    + "may call");

    private static final ArchRule theTraceLibraryUsesOnlyTheSpi = noClasses().that().resideInAPackage("org.mmsim.trace..")
            .should().dependOnClassesThat().resideInAnyPackage("com.google.inject..", "org.mmsim.api..",
                    "org.mmsim.physical..", "org.mmsim.paging..", "org.mmsim.kalloc..", "org.mmsim.reclaim..",
                    "org.mmsim.plugins..", "org.mmsim.tools..", "picocli..")
            .because("mm-trace is a library of its own: traces, replay and curves need no machine");

    private static final ArchRule nobodyUsesThePluginsClasses = noClasses().that().resideOutsideOfPackage("org.mmsim.plugins..")
            .should().dependOnClassesThat().resideInAPackage("org.mmsim.plugins..")
            .because("hosts reach policies through ServiceLoader and the SPI only");

    private static final ArchRule layerInternalsStayInside = CompositeArchRule.of(internalsOf(LAYERS[0]))
            .and(internalsOf(LAYERS[1])).and(internalsOf(LAYERS[2])).and(internalsOf(LAYERS[3]));

    private static ArchRule internalsOf(String layer) {
        return noClasses().that().resideOutsideOfPackage(layer + "..")
                .should().dependOnClassesThat().resideInAPackage(layer + ".*..")
                .allowEmptyShould(true)
                .because("a layer exports only its Guice module");
    }

    private static final ArchRule noPackageCycles = slices().matching("org.mmsim.(**)").should().beFreeOfCycles();

    private static final ArchRule builtInPoliciesUseOnlyTheSpi = PluginArchitecture.dependsOnlyOnTheSpi("org.mmsim.plugins");

    private static final ArchRule builtInProvidersAreLoadable = PluginArchitecture.providersAreLoadable("org.mmsim.plugins");

    @Test
    void layersUseOnlyTheApi() {
        layersUseOnlyTheApi.check(MAIN);
    }

    @Test
    void theApiUsesNoGuiceAndNoImplementation() {
        theApiUsesNoGuiceAndNoImplementation.check(MAIN);
    }

    @Test
    void programsNeverSeeTheKernelContracts() {
        programsNeverSeeTheKernelContracts.check(MAIN);
    }

    @Test
    void theTraceLibraryUsesOnlyTheSpi() {
        theTraceLibraryUsesOnlyTheSpi.check(MAIN);
    }

    @Test
    void nobodyUsesThePluginsClasses() {
        nobodyUsesThePluginsClasses.check(MAIN);
    }

    @Test
    void layerInternalsStayInside() {
        layerInternalsStayInside.check(MAIN);
    }

    @Test
    void noPackageCycles() {
        noPackageCycles.check(MAIN);
    }

    @Test
    void builtInPoliciesUseOnlyTheSpi() {
        builtInPoliciesUseOnlyTheSpi.check(MAIN);
    }

    @Test
    void builtInProvidersAreLoadable() {
        builtInProvidersAreLoadable.check(MAIN);
    }
}
