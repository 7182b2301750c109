package org.mmsim.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The module rules, read from the module descriptors themselves: which module may require which, and what each
 * exports. The class-level rules are ArchUnit's, in {@link ArchitectureRulesTest}.
 */
class ArchitectureTest {
    private static final Set<String> LAYERS = Set.of("org.mmsim.physical", "org.mmsim.paging", "org.mmsim.kalloc",
            "org.mmsim.reclaim");
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.mmsim");

    private static ModuleDescriptor descriptor(String module) {
        return ModuleLayer.boot().findModule(module)
                .orElseThrow(() -> new AssertionError("module " + module + " is not on the module path"))
                .getDescriptor();
    }

    private static Set<String> mmsimRequires(String module) {
        return descriptor(module).requires().stream().map(ModuleDescriptor.Requires::name)
                .filter(name -> name.startsWith("org.mmsim.")).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void implementationModulesRequireOnlyTheApi() {
        for (String layer : LAYERS) {
            assertEquals(Set.of("org.mmsim.api"), mmsimRequires(layer), layer);
        }
    }

    @Test
    void theSpiRequiresNothingButTheJdkAndTheApiOnlyTheSpi() {
        assertEquals(Set.of("java.base"), descriptor("org.mmsim.spi").requires().stream()
                .map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()));
        assertEquals(Set.of("java.base", "org.mmsim.spi"), descriptor("org.mmsim.api").requires().stream()
                .map(ModuleDescriptor.Requires::name).collect(Collectors.toSet()));
    }

    @Test
    void whatOnlyTheLayersCallIsExportedOnlyToThemAndTheCompositionRoot() {
        ModuleDescriptor.Exports kernel = descriptor("org.mmsim.api").exports().stream()
                .filter(e -> e.source().equals("org.mmsim.api.kernel")).findFirst().orElseThrow();
        Set<String> friends = new TreeSet<>(LAYERS);
        friends.add("org.mmsim.tools");
        assertEquals(friends, kernel.targets());
        assertTrue(descriptor("org.mmsim.api").exports().stream().filter(e -> !e.source().equals("org.mmsim.api.kernel"))
                .noneMatch(ModuleDescriptor.Exports::isQualified), "every other package of the API is everyone's");
    }

    @Test
    void pluginsRequireOnlyTheSpi() {
        assertEquals(Set.of("org.mmsim.spi"), mmsimRequires("org.mmsim.plugins"));
    }

    @Test
    void layersExportOnlyTheirGuiceModule() {
        for (String layer : LAYERS) {
            Set<String> exported = descriptor(layer).exports().stream().map(ModuleDescriptor.Exports::source)
                    .collect(Collectors.toSet());
            assertEquals(Set.of(layer), exported, layer + " exports only its Guice module's package");
        }
        assertEquals(Set.of("org.mmsim.tools"), descriptor("org.mmsim.tools").exports().stream()
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
    }

    @Test
    void theCompositionRootRequiresEveryLayerButNoPlugin() {
        Set<String> expected = new TreeSet<>(LAYERS);
        expected.add("org.mmsim.api");
        expected.add("org.mmsim.trace");
        assertEquals(expected, mmsimRequires("org.mmsim.tools"));
    }

    @Test
    void theTraceLibraryRequiresOnlyTheSpiOfMmsimAndNoGuice() {
        assertEquals(Set.of("org.mmsim.spi"), mmsimRequires("org.mmsim.trace"));
        assertTrue(descriptor("org.mmsim.trace").requires().stream()
                .noneMatch(r -> r.name().startsWith("com.google") || r.name().equals("info.picocli")));
    }

    @Test
    void everyMmsimModuleIsImported() {
        for (String pkg : new String[] {"org.mmsim.spi", "org.mmsim.api", "org.mmsim.physical", "org.mmsim.paging", "org.mmsim.kalloc",
                "org.mmsim.reclaim", "org.mmsim.plugins", "org.mmsim.trace", "org.mmsim.tools"}) {
            assertTrue(MAIN.containPackage(pkg), pkg + " was imported, so the rules saw it");
        }
    }

    @Test
    void testsRunOnTheModulePathInsideTheToolsModule() {
        assertEquals("org.mmsim.tools", getClass().getModule().getName());
        assertTrue(ModuleLayer.boot().findModule("org.mmsim.api").isPresent(), "org.mmsim.api is a named module");
    }
}
