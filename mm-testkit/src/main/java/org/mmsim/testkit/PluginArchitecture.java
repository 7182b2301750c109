package org.mmsim.testkit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import org.mmsim.spi.PolicyProvider;

/**
 * The ArchUnit rules every policy plugin satisfies, so that it runs in any mmsim host and can be loaded from
 * {@code --plugin-path} in a layer of its own: it depends only on the SPI ({@code org.mmsim.spi} and
 * {@code org.mmsim.spi.util}), the JDK's {@code java.*} packages, its own packages and AutoService's annotation; and
 * every provider is a public class with a public no-argument constructor, as {@link java.util.ServiceLoader} needs.
 *
 * <pre>{@code
 * @Test void followsThePluginRules() { PluginArchitecture.check("com.example.mru"); }
 * }</pre>
 */
public final class PluginArchitecture {
    private PluginArchitecture() {
    }

    /** The rule that classes in {@code pluginPackages} depend only on the SPI, the JDK and themselves. */
    public static ArchRule dependsOnlyOnTheSpi(String... pluginPackages) {
        List<String> allowed = new ArrayList<>(List.of("org.mmsim.spi..", "org.mmsim.spi.util..", "java..",
                "com.google.auto.service.."));
        for (String pkg : pluginPackages) {
            allowed.add(pkg + "..");
        }
        return classes().that().resideInAnyPackage(packagePatterns(pluginPackages))
                .should().onlyDependOnClassesThat().resideInAnyPackage(allowed.toArray(String[]::new))
                .because("a plugin compiles against the SPI alone, so any mmsim host can load it");
    }

    /** The rule that every provider in {@code pluginPackages} can be instantiated by ServiceLoader. */
    public static ArchRule providersAreLoadable(String... pluginPackages) {
        return classes().that().resideInAnyPackage(packagePatterns(pluginPackages))
                .and().implement(PolicyProvider.class).or().areAssignableTo(PolicyProvider.class)
                .should(new ArchCondition<>("be public with a public no-argument constructor") {
                    @Override
                    public void check(JavaClass item, ConditionEvents events) {
                        if (item.isInterface() || item.getModifiers().contains(JavaModifier.ABSTRACT)) {
                            return;
                        }
                        boolean loadable = item.getModifiers().contains(JavaModifier.PUBLIC)
                                && item.getConstructors().stream().anyMatch(c -> c.getRawParameterTypes().isEmpty()
                                && c.getModifiers().contains(JavaModifier.PUBLIC));
                        events.add(new SimpleConditionEvent(item, loadable, item.getName()
                                + (loadable ? " is" : " is not") + " public with a public no-argument constructor"));
                    }
                });
    }

    /**
     * Imports the main classes of {@code pluginPackages} and checks both rules.
     *
     * @throws AssertionError listing every violation
     */
    public static void check(String... pluginPackages) {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(pluginPackages);
        if (classes.isEmpty()) {
            throw new AssertionError("no classes found in " + String.join(", ", pluginPackages));
        }
        dependsOnlyOnTheSpi(pluginPackages).check(classes);
        providersAreLoadable(pluginPackages).check(classes);
    }

    private static String[] packagePatterns(String[] packages) {
        String[] patterns = new String[packages.length];
        for (int i = 0; i < packages.length; i++) {
            patterns[i] = packages[i] + "..";
        }
        return patterns;
    }
}
