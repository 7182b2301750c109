package org.mmsim.trace.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.mmsim.spi.OomPolicyProvider;
import org.mmsim.spi.PolicyArguments;
import org.mmsim.spi.PolicyProvider;
import org.mmsim.spi.ReplacementPolicyProvider;
import org.mmsim.spi.BadInputException;
import org.mmsim.spi.NearestName;

/**
 * Every policy provider mmsim can use: the built-in ones, and those in the jars of a {@code --plugin-path}
 * directory, loaded at run time without a rebuild. On the module path the jars get a module layer of their own over
 * the boot layer; on the class path, a class loader of their own. Either way a jar that requires, or whose classes
 * use, a module of mmsim other than the SPI (or Guice) is refused before it loads ({@code PluginJars}), so a plugin
 * reaches the SPI and nothing else of mmsim. Names are unique: two providers of a kind with one name are an error that
 * names both sources.
 */
public final class PolicyRegistry {
    /** The source of the providers that ship with mmsim. */
    public static final String BUILT_IN = "built-in";

    private final Map<String, Registered<ReplacementPolicyProvider>> replacement;
    private final Map<String, Registered<OomPolicyProvider>> oom;
    private final List<String> warnings;

    private PolicyRegistry(Map<String, Registered<ReplacementPolicyProvider>> replacement,
                           Map<String, Registered<OomPolicyProvider>> oom, List<String> warnings) {
        this.replacement = replacement;
        this.oom = oom;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * Loads the built-in providers and, if given, those of the jars in {@code pluginPath}.
     *
     * @throws BadInputException if the directory has no jars, a jar cannot be loaded, or two providers share a name
     */
    public static PolicyRegistry load(Optional<Path> pluginPath) {
        if (pluginPath.isEmpty()) {
            return new PolicyRegistry(collect("replacement", ServiceLoader.load(ReplacementPolicyProvider.class)),
                    collect("oom", ServiceLoader.load(OomPolicyProvider.class)), List.of());
        }
        Path dir = pluginPath.get();
        List<Path> jars = jarsIn(dir);
        List<String> warnings = new ArrayList<>();
        for (Path jar : jars) {
            PluginJars.check(jar);
            if (!PluginJars.registersProvider(jar)) {
                warnings.add("--plugin-path: " + jar + " registers no policy provider (no provides in its module-info, "
                        + "no META-INF/services file); it adds no policy");
            }
        }
        try {
            if (PolicyRegistry.class.getModule().isNamed()) {
                ModuleLayer layer = pluginLayer(jars);
                return new PolicyRegistry(collect("replacement", ServiceLoader.load(layer, ReplacementPolicyProvider.class)),
                        collect("oom", ServiceLoader.load(layer, OomPolicyProvider.class)), warnings);
            }
            ClassLoader loader = new URLClassLoader(urls(jars), PolicyRegistry.class.getClassLoader());
            return new PolicyRegistry(collect("replacement", ServiceLoader.load(ReplacementPolicyProvider.class, loader)),
                    collect("oom", ServiceLoader.load(OomPolicyProvider.class, loader)), warnings);
        } catch (RuntimeException | ServiceConfigurationError e) {
            if (e instanceof BadInputException) {
                throw (BadInputException) e;
            }
            // ServiceLoader's messages start with the service's class ("org.mmsim.spi.X: Provider p.Y not found"):
            // what the user needs is the rest, which names the plugin's own class.
            String why = String.valueOf(e.getMessage()).replaceFirst("^org\\.mmsim\\.spi\\.\\w+: Provider ", "provider ");
            throw new BadInputException("--plugin-path " + dir + ": cannot load plugins: " + why, e);
        }
    }

    private static List<Path> jarsIn(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("--plugin-path " + dir + ": not a directory; expected a directory of plugin jars");
        }
        List<Path> jars;
        try (Stream<Path> files = Files.list(dir)) {
            jars = files.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p))
                    .sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new BadInputException("--plugin-path " + dir + ": cannot list: " + e.getMessage(), e);
        }
        if (jars.isEmpty()) {
            throw new BadInputException("--plugin-path " + dir + ": no .jar files; expected a directory of plugin jars");
        }
        return jars;
    }

    private static ModuleLayer pluginLayer(List<Path> jars) {
        Map<String, Path> jarOfModule = new TreeMap<>();
        for (Path jar : jars) {
            for (ModuleReference module : ModuleFinder.of(jar).findAll()) {
                Path other = jarOfModule.put(module.descriptor().name(), jar);
                if (other != null) {
                    throw new BadInputException("--plugin-path: two jars hold module " + module.descriptor().name()
                            + ": " + other + " and " + jar + "; expected each plugin once");
                }
            }
        }
        ModuleFinder finder = ModuleFinder.of(jars.toArray(Path[]::new));
        Set<String> roots = finder.findAll().stream().map(ModuleReference::descriptor).map(d -> d.name())
                .collect(Collectors.toSet());
        ModuleLayer parent = ModuleLayer.boot();
        Configuration configuration = parent.configuration().resolveAndBind(finder, ModuleFinder.of(), roots);
        return parent.defineModulesWithOneLoader(configuration, ClassLoader.getSystemClassLoader());
    }

    private static URL[] urls(List<Path> jars) {
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new UncheckedIOException(e);
            }
        }
        return urls;
    }

    private static <P extends PolicyProvider> Map<String, Registered<P>> collect(String kind, ServiceLoader<P> loader) {
        Map<String, Registered<P>> byName = new TreeMap<>();
        for (P provider : loader) {
            Registered<P> registered = new Registered<>(kind, provider, sourceOf(provider));
            Registered<P> clash = byName.putIfAbsent(provider.name(), registered);
            if (clash != null) {
                throw new BadInputException("two " + kind + " policies are named '" + provider.name() + "': "
                        + describe(clash) + " and " + describe(registered) + "; expected unique names");
            }
        }
        return byName;
    }

    private static String describe(Registered<?> registered) {
        return registered.source().equals(BUILT_IN) ? "the built-in one" : "one from " + registered.source();
    }

    private static String sourceOf(PolicyProvider provider) {
        Class<?> type = provider.getClass();
        boolean shipped = type.getModule().getLayer() == ModuleLayer.boot() || type.getClassLoader() == PolicyRegistry.class.getClassLoader();
        if (shipped && type.getName().startsWith("org.mmsim.plugins.")) {
            return BUILT_IN;
        }
        CodeSource code = type.getProtectionDomain().getCodeSource();
        return code == null || code.getLocation() == null ? type.getModule().toString() : Path.of(toUri(code.getLocation())).toString();
    }

    private static java.net.URI toUri(URL url) {
        try {
            return url.toURI();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a user should hear about the plugin jars that loaded: each jar that registers no provider. */
    public List<String> warnings() {
        return warnings;
    }

    /** Every replacement-policy provider, by name. */
    public List<Registered<ReplacementPolicyProvider>> replacementPolicies() {
        return List.copyOf(replacement.values());
    }

    /** Every OOM-policy provider, by name. */
    public List<Registered<OomPolicyProvider>> oomPolicies() {
        return List.copyOf(oom.values());
    }

    /**
     * Resolves a replacement-policy spec such as {@code arc} or {@code 2q:kin=0.25}.
     *
     * @throws IllegalArgumentException for an unknown name, parameter or value, saying what was expected
     */
    public PolicyChoice<ReplacementPolicyProvider> replacement(String spec) {
        return choose(spec, replacement, "replacement");
    }

    /**
     * Resolves replacement-policy specs a user gave in one place, such as an option's values.
     *
     * @param where where they were given, for the message ({@code --policy})
     * @throws BadInputException naming the place and the spec, for an unknown name, parameter or value
     */
    public List<PolicyChoice<ReplacementPolicyProvider>> replacements(List<String> specs, String where) {
        List<PolicyChoice<ReplacementPolicyProvider>> chosen = new ArrayList<>();
        for (String spec : specs) {
            try {
                chosen.add(replacement(spec));
            } catch (IllegalArgumentException e) {
                throw new BadInputException(where + " " + spec + ": " + e.getMessage(), e);
            }
        }
        return chosen;
    }

    /**
     * Resolves an OOM-policy spec such as {@code linux}.
     *
     * @throws IllegalArgumentException for an unknown name, parameter or value, saying what was expected
     */
    public PolicyChoice<OomPolicyProvider> oom(String spec) {
        return choose(spec, oom, "OOM");
    }

    private static <P extends PolicyProvider> PolicyChoice<P> choose(String text, Map<String, Registered<P>> byName, String kind) {
        PolicySpec spec = PolicySpec.parse(text);
        Registered<P> registered = byName.get(spec.name());
        if (registered == null) {
            throw new IllegalArgumentException(NearestName.unknown(kind + " policy", spec.name(), byName.keySet()));
        }
        try {
            return new PolicyChoice<>(text, registered,
                    PolicyArguments.resolve(registered.parameters(), spec.parameters()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("policy " + spec.name() + ": " + e.getMessage(), e);
        }
    }

    /** Sorts by kind then name, the order {@code mm plugins} lists them in. */
    public List<Registered<?>> all() {
        List<Registered<?>> all = new ArrayList<>(replacement.values());
        all.addAll(oom.values());
        all.sort(Comparator.comparing((Registered<?> r) -> r.kind().equals("replacement") ? 0 : 1)
                .thenComparing(r -> r.provider().name()));
        return all;
    }
}
