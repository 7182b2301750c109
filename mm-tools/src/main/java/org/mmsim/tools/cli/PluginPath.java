package org.mmsim.tools.cli;

import java.nio.file.Path;
import java.util.Optional;
import org.mmsim.trace.plugin.PolicyRegistry;
import picocli.CommandLine.Option;

/** The {@code --plugin-path DIR} option every command that uses policies shares, and the registry it gives. */
final class PluginPath {
    @Option(names = "--plugin-path", paramLabel = "DIR", description = "Also load the policy plugins in the jars of DIR.")
    private Path dir;

    /** The built-in policies, and those of DIR if given. */
    PolicyRegistry registry() {
        return PolicyRegistry.load(Optional.ofNullable(dir));
    }
}
