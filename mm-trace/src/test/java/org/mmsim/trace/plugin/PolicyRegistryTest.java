package org.mmsim.trace.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmsim.spi.ReplacementPolicyProvider;
import org.mmsim.spi.BadInputException;

class PolicyRegistryTest {
    private final PolicyRegistry registry = PolicyRegistry.load(Optional.empty());

    @Test
    void specsCarryTypedCheckedParameters() {
        PolicyChoice<ReplacementPolicyProvider> linux = registry.replacement("linux:inactive-ratio=3");
        assertEquals("linux", linux.name());
        assertEquals(3, linux.arguments().intValue("inactive-ratio"));
        assertEquals(new PolicySpec("2q", Map.of("kin", "0.25", "kout", "0.5")), PolicySpec.parse("2q:kin=0.25:kout=0.5"));
    }

    @Test
    void badSpecsSayWhatWasExpected() {
        String unknown = assertThrows(IllegalArgumentException.class, () -> registry.replacement("arcc")).getMessage();
        assertEquals("unknown replacement policy 'arcc'; did you mean 'arc'?", unknown);
        String stranger = assertThrows(IllegalArgumentException.class, () -> registry.replacement("belady")).getMessage();
        assertTrue(stranger.startsWith("unknown replacement policy 'belady'; expected one of ") && stranger.contains(" arc, "),
                stranger);
        assertEquals("policy linux: parameter inactive-ratio = 'x'; expected an integer",
                assertThrows(IllegalArgumentException.class, () -> registry.replacement("linux:inactive-ratio=x")).getMessage());
        assertEquals("policy 'lru:size': 'size'; expected PARAMETER=VALUE",
                assertThrows(IllegalArgumentException.class, () -> registry.replacement("lru:size")).getMessage());
        assertEquals("policy lru: unknown parameter 'size'; expected none",
                assertThrows(IllegalArgumentException.class, () -> registry.replacement("lru:size=3")).getMessage());
    }

    @Test
    void aPluginJarThatRedefinesABuiltInNameIsRefusedNamingBothSources(@TempDir Path dir) throws IOException, URISyntaxException {
        Path builtIns = Path.of(registry.replacementPolicies().get(0).provider().getClass()
                .getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isRegularFile(builtIns), "the built-in policies come from a jar: " + builtIns);
        // Without its module-info: the copy is a plugin of its own (an automatic module), not mmsim's module again.
        try (java.util.jar.JarFile in = new java.util.jar.JarFile(builtIns.toFile());
             java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(dir.resolve("again.jar")))) {
            for (java.util.jar.JarEntry entry : java.util.Collections.list(in.entries())) {
                if (!entry.getName().endsWith("module-info.class")) {
                    out.putNextEntry(new java.util.jar.JarEntry(entry.getName()));
                    in.getInputStream(entry).transferTo(out);
                }
            }
        }
        String message = assertThrows(BadInputException.class, () -> PolicyRegistry.load(Optional.of(dir))).getMessage();
        assertEquals("two replacement policies are named 'fifo': one from " + dir.resolve("again.jar")
                + " and the built-in one; expected unique names", message);
    }

    @Test
    void aJarOfAModuleOfMmsimIsRefusedNamingTheModule(@TempDir Path dir) throws IOException, URISyntaxException {
        Path spi = Path.of(BadInputException.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isRegularFile(spi), "the SPI comes from a jar: " + spi);
        Files.copy(spi, dir.resolve("spi.jar"));
        assertEquals("--plugin-path: " + dir.resolve("spi.jar") + ": holds module org.mmsim.spi, which is already part "
                + "of mmsim; expected only plugin jars (remove it)",
                assertThrows(BadInputException.class, () -> PolicyRegistry.load(Optional.of(dir))).getMessage());
    }

    @Test
    void aDirectoryWithoutJarsIsBadInput(@TempDir Path dir) {
        assertEquals("--plugin-path " + dir + ": no .jar files; expected a directory of plugin jars",
                assertThrows(BadInputException.class, () -> PolicyRegistry.load(Optional.of(dir))).getMessage());
    }
}
