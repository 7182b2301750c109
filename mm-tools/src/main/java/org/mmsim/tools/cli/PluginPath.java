package org.mmsim.tools.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.mmsim.trace.plugin.PolicyRegistry;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code --plugin-path DIR} option every command that uses policies shares, and the registry it gives. */
final class PluginPath {
    @Option(names = "--plugin-path", paramLabel = "DIR", description = "Also load the policy plugins in the jars of DIR.")
    private Path dir;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    /** The built-in policies, and those of DIR if given; a warning on the error stream for each jar that adds none. */
    PolicyRegistry registry() {
        PolicyRegistry registry = PolicyRegistry.load(Optional.ofNullable(dir));
        registry.warnings().forEach(w -> command.commandLine().getErr().println("mm: warning: " + w));
        return registry;
    }
}
