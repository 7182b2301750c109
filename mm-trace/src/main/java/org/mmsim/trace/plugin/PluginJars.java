package org.mmsim.trace.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.mmsim.spi.BadInputException;
import org.mmsim.spi.IoErrors;
import org.mmsim.spi.OomPolicyProvider;
import org.mmsim.spi.ReplacementPolicyProvider;

/**
 * What a plugin jar may reach, checked before it loads: mmsim's SPI and nothing else of mmsim, and no Guice (a
 * plugin hands out factories; the host composes), as Trino's plugin loader lets a plugin see only trino-spi. A
 * module jar is judged by its {@code requires}; every jar also by the classes its class files name, since an
 * automatic module or a class-path jar reads everything. And a jar that registers no provider is worth a warning:
 * it loads, but adds no policy.
 */
final class PluginJars {
    private static final String SPI_MODULE = "org.mmsim.spi";
    private static final String[] SERVICES = {
        "META-INF/services/" + ReplacementPolicyProvider.class.getName(),
        "META-INF/services/" + OomPolicyProvider.class.getName(),
    };
    /** The internal-form package prefixes a plugin's class files must not name: mmsim beyond the SPI, and Guice. */
    private static final String[] FORBIDDEN = {"org/mmsim/", "com/google/inject/"};

    /** The modules mmsim runs on: the boot layer's on the module path, the class path's module jars otherwise. */
    private static final Set<String> HOST_MODULES = hostModules();

    private PluginJars() {
    }

    private static Set<String> hostModules() {
        Set<String> names = new TreeSet<>();
        ModuleLayer.boot().modules().forEach(m -> names.add(m.getName()));
        try {
            Enumeration<URL> descriptors = PluginJars.class.getClassLoader().getResources("module-info.class");
            while (descriptors.hasMoreElements()) {
                try (InputStream in = descriptors.nextElement().openStream()) {
                    names.add(ModuleDescriptor.read(in).name());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /**
     * Refuses a jar that requires, or whose classes use, a module of mmsim other than the SPI, or Guice, and a jar
     * that is a module mmsim already runs on (a copy of mm-api beside the plugin).
     *
     * @throws BadInputException naming the jar and what it reaches for
     */
    static void check(Path jar) {
        for (ModuleReference module : modules(jar)) {
            ModuleDescriptor descriptor = module.descriptor();
            // mmsim's own modules first, then Guice, each in name order: the same jar always gets the same message.
            Set<String> required = new TreeSet<>();
            descriptor.requires().forEach(r -> required.add(r.name()));
            for (String prefix : new String[] {"org.mmsim.", "com.google.guice"}) {
                for (String name : required) {
                    if (name.startsWith(prefix) && !name.equals(SPI_MODULE)) {
                        throw refused(jar, "module " + descriptor.name() + " requires " + name);
                    }
                }
            }
            // A second copy of a module mmsim runs on would shadow it or be shadowed: either way the plugin's
            // policies would bind to the wrong copy and vanish.
            if (HOST_MODULES.contains(descriptor.name())) {
                throw new BadInputException("--plugin-path: " + jar + ": holds module " + descriptor.name()
                        + ", which is already part of mmsim; expected only plugin jars (remove it)");
            }
        }
        String used = forbiddenUse(jar);
        if (used != null) {
            throw refused(jar, "its classes use " + used.replace('/', '.'));
        }
    }

    /**
     * The module the jar holds (none for a jar without a module-info that cannot be an automatic module either).
     *
     * @throws BadInputException for a file that is not a jar, or a module-info that cannot be read
     */
    private static Set<ModuleReference> modules(Path jar) {
        try {
            return ModuleFinder.of(jar).findAll();
        } catch (FindException e) {
            // "Error reading JAR": the reason is the cause's (a zip without its end header, a bad module-info).
            Throwable why = e.getCause() == null ? e : e.getCause();
            throw new BadInputException("--plugin-path: " + jar + ": not a readable jar (" + why.getMessage()
                    + "); expected a plugin jar", e);
        }
    }

    private static BadInputException refused(Path jar, String what) {
        return new BadInputException("--plugin-path: " + jar + ": " + what + "; a plugin may require only "
                + SPI_MODULE + " of mmsim, and not Guice");
    }

    /** The first forbidden package a class of the jar names, outside the jar's own packages; null if none. */
    private static String forbiddenUse(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Set<String> own = new TreeSet<>();
            List<JarEntry> classes = new ArrayList<>();
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (name.endsWith(".class") && !name.endsWith("module-info.class")) {
                    classes.add(entry);
                    own.add(name.substring(0, name.lastIndexOf('/') + 1));
                }
            }
            for (JarEntry entry : classes) {
                try (InputStream in = file.getInputStream(entry)) {
                    String used = forbiddenUse(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1), own);
                    if (used != null) {
                        return used;
                    }
                }
            }
            return null;
        } catch (IOException e) {
            throw new BadInputException("--plugin-path: " + jar + ": cannot read: " + IoErrors.reason(e), e);
        }
    }

    /** Class-file names are modified UTF-8 in the constant pool: a byte search finds every type a class names. */
    private static String forbiddenUse(String classBytes, Set<String> own) {
        for (String prefix : FORBIDDEN) {
            for (int at = classBytes.indexOf(prefix); at >= 0; at = classBytes.indexOf(prefix, at + 1)) {
                int end = at;
                while (end < classBytes.length() && isNameChar(classBytes.charAt(end))) {
                    end++;
                }
                String type = classBytes.substring(at, end);
                String pkg = type.substring(0, type.lastIndexOf('/') + 1);
                if (!type.startsWith("org/mmsim/spi/") && !own.contains(pkg)) {
                    return pkg.isEmpty() ? type : pkg.substring(0, pkg.length() - 1);
                }
            }
        }
        return null;
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '/' || c == '_' || c == '$';
    }

    /** Whether the jar registers a policy provider: a {@code provides} in its module-info, or a services file. */
    static boolean registersProvider(Path jar) {
        for (ModuleReference module : modules(jar)) {
            if (module.descriptor().provides().stream().anyMatch(p -> isPolicyService(p.service()))) {
                return true;
            }
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            for (String service : SERVICES) {
                if (file.getEntry(service) != null) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new BadInputException("--plugin-path: " + jar + ": cannot read: " + IoErrors.reason(e), e);
        }
    }

    private static boolean isPolicyService(String service) {
        return service.equals(ReplacementPolicyProvider.class.getName()) || service.equals(OomPolicyProvider.class.getName());
    }
}
