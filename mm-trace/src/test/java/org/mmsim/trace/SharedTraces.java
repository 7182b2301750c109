package org.mmsim.trace;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The real traces in ../shared/traces, read at test time (never copied into the repository). Where they are absent
 * the tests that need them are skipped with a message saying so.
 */
public final class SharedTraces {
    private SharedTraces() {
    }

    /** The shared trace directory, found from the module's directory or the repository root. */
    public static Path root() {
        for (Path candidate : new Path[] {Path.of("../../shared/traces"), Path.of("../shared/traces")}) {
            if (Files.isDirectory(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        Assumptions.abort("../shared/traces is absent: the tests on real traces are skipped");
        throw new AssertionError("unreachable");
    }

    /** One trace, by its path under the shared directory. */
    public static Path file(String relative) {
        Path file = root().resolve(relative);
        Assumptions.assumeTrue(Files.isRegularFile(file), () -> file + " is absent: skipped");
        return file;
    }
}
