package org.mmsim.tools.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** A plugin jar as a plugin's build makes it: the classes, and a services file per service they provide. */
final class PluginJar {
    private PluginJar() {
    }

    /**
     * Writes {@code jar} with the class files of {@code classes} and of the classes nested in them, anonymous ones too
     * (from the test classes' folder), and, for each service,
     * the providers registered for ServiceLoader.
     */
    static Path write(Path jar, List<Class<?>> classes, Map<Class<?>, List<Class<?>>> providers)
            throws IOException, URISyntaxException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Class<?> type : classes) {
                String name = type.getName().replace('.', '/') + ".class";
                Path file = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).resolve(name);
                String nested = file.getFileName().toString().replace(".class", "$");
                try (Stream<Path> siblings = Files.list(file.getParent())) {
                    for (Path classFile : siblings.filter(f -> f.equals(file) || f.getFileName().toString().startsWith(nested))
                            .sorted().toList()) {
                        out.putNextEntry(new JarEntry(name.substring(0, name.lastIndexOf('/') + 1) + classFile.getFileName()));
                        Files.copy(classFile, out);
                    }
                }
            }
            for (Map.Entry<Class<?>, List<Class<?>>> service : providers.entrySet()) {
                out.putNextEntry(new JarEntry("META-INF/services/" + service.getKey().getName()));
                StringBuilder names = new StringBuilder();
                service.getValue().forEach(p -> names.append(p.getName()).append('\n'));
                out.write(names.toString().getBytes(StandardCharsets.UTF_8));
            }
        }
        return jar;
    }
}
