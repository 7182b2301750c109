package org.mmsim.tools.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mmsim.tools.cli.MainTest.mm;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mmsim.tools.Mmsim;
import org.mmsim.tools.cli.MainTest.Outcome;

/** A plugin jar may reach the SPI and nothing else of mmsim, and one that registers no policy is worth a warning. */
class PluginIsolationTest {
    @TempDir
    Path dir;

    private static Path jarOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void aModuleThatRequiresALayerOfMmsimIsRefusedNamingTheJarAndTheModule() throws Exception {
        Path physical = jarOf(org.mmsim.physical.PhysicalModule.class);
        assertTrue(Files.isRegularFile(physical), "the physical layer is a jar: " + physical);
        Path jar = Files.copy(physical, dir.resolve("physical.jar"));
        Outcome outcome = mm("plugins", "--plugin-path", dir.toString());
        assertEquals(2, outcome.status());
        assertEquals("--plugin-path: " + jar + ": module org.mmsim.physical requires org.mmsim.api; a plugin may "
                + "require only org.mmsim.spi of mmsim, and not Guice\n", outcome.err());
    }

    @Test
    void aClassPathJarWhoseClassesUseTheApiIsRefusedToo() throws IOException {
        // A real class that uses mm-api (Mmsim.boot returns a Machine), registered as a policy on the class path.
        Path jar = dir.resolve("sneaky.jar");
        String name = Mmsim.class.getName().replace('.', '/') + ".class";
        try (InputStream in = Mmsim.class.getClassLoader().getResourceAsStream(name);
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(name));
            in.transferTo(out);
            out.putNextEntry(new JarEntry("META-INF/services/org.mmsim.spi.ReplacementPolicyProvider"));
            out.write(Mmsim.class.getName().getBytes(StandardCharsets.UTF_8));
        }
        Outcome outcome = mm("plugins", "--plugin-path", dir.toString());
        assertEquals(2, outcome.status());
        // Mmsim names mm-api's Machine and the tools' own packages: whichever its constant pool names first is reported.
        assertTrue(outcome.err().startsWith("--plugin-path: " + jar + ": its classes use org.mmsim."), outcome.err());
        assertTrue(outcome.err().endsWith("; a plugin may require only org.mmsim.spi of mmsim, and not Guice\n"),
                outcome.err());
        assertEquals(1, outcome.err().lines().count());
    }

    @Test
    void aJarThatRegistersNoProviderLoadsWithAWarningNamingIt() throws IOException {
        Path jar = dir.resolve("notes.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("README.txt"));
            out.write("no policy here".getBytes(StandardCharsets.UTF_8));
        }
        Outcome outcome = mm("plugins", "--plugin-path", dir.toString());
        assertEquals(0, outcome.status(), outcome.err());
        assertEquals("mm: warning: --plugin-path: " + jar + " registers no policy provider (no provides in its "
                + "module-info, no META-INF/services file); it adds no policy\n", outcome.err());
        assertTrue(outcome.out().contains("lru"), "the built-in policies are still listed");
    }
}
