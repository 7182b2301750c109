/**
 * The plugin author's kit: the jqwik contracts that every replacement and OOM policy keeps
 * ({@link org.mmsim.testkit.ReplacementPolicyContract}, {@link org.mmsim.testkit.OomPolicyContract}), a plain host
 * to drive a policy in one's own tests ({@link org.mmsim.testkit.ReplacementHarness}), and the ArchUnit rules every
 * plugin satisfies ({@link org.mmsim.testkit.PluginArchitecture}). A plugin project adds it as a test dependency.
 */
// ArchUnit publishes no module descriptor, only an Automatic-Module-Name; PluginArchitecture's rules are its types.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module org.mmsim.testkit {
    requires transitive org.mmsim.spi;
    requires transitive net.jqwik.api;
    requires transitive org.junit.jupiter.api;
    requires transitive com.tngtech.archunit;

    exports org.mmsim.testkit;
    // JUnit and jqwik's engine alike call the contracts' package-private properties through JUnit's platform commons.
    opens org.mmsim.testkit to org.junit.platform.commons;
}
