/**
 * The composition root and the {@code ./mm} command line: it assembles a simulated machine from every layer's Guice
 * module, finds the policy plugins, runs scenarios and trace replays, and renders the views a Linux user knows.
 * It exports only the library entry point, {@link org.mmsim.tools.Mmsim}.
 */
// Guice and JLine 3 publish no module descriptor, only an Automatic-Module-Name: requiring them is the only way to
// use them, and Guice's Module is in Mmsim.boot's signature, so a program that overrides a binding reads it too.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module org.mmsim.tools {
    requires transitive org.mmsim.api;
    requires transitive org.mmsim.trace;
    requires org.mmsim.physical;
    requires org.mmsim.paging;
    requires org.mmsim.kalloc;
    requires org.mmsim.reclaim;
    // Guice's Module is in Mmsim.boot's signature: a program that replaces a part of the kernel binds with it.
    requires transitive com.google.guice;
    // Guice is an automatic module and cannot declare that it needs jakarta.inject: resolve it for Guice.
    requires jakarta.inject;
    requires info.picocli;
    requires org.jline;
    // sun.misc.Signal, reached by reflection: by JLine to catch Ctrl-C in ./mm shell, by ./mm run to stop on SIGINT
    // and SIGTERM.
    requires jdk.unsupported;
    // Java 2D and ImageIO, headless, for PNG plots.
    requires java.desktop;
    requires com.fasterxml.jackson.databind;

    exports org.mmsim.tools;

    opens org.mmsim.tools.cli to info.picocli;
    // The options of the tools a scenario line runs (free -h, vmstat -S m 1 5, ...) are picocli @Command objects.
    opens org.mmsim.tools.scenario to info.picocli;
    opens org.mmsim.tools.machine to com.google.guice;
    opens org.mmsim.tools to com.google.guice;
}
