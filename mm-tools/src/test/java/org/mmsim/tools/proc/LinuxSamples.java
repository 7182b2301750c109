package org.mmsim.tools.proc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** The real Linux 6.18 outputs of linux-6.18-samples, beside the repository; tests that need them skip without them. */
public final class LinuxSamples {
    private LinuxSamples() {
    }

    public static Path path(String name) {
        for (Path dir : new Path[] {Path.of("../../shared/design/linux-6.18-samples"), Path.of("../shared/design/linux-6.18-samples")}) {
            if (Files.isRegularFile(dir.resolve(name))) {
                return dir.resolve(name);
            }
        }
        Assumptions.abort("../shared/design/linux-6.18-samples is absent: the layout tests are skipped");
        return null;
    }

    public static List<String> lines(String name) {
        try {
            return Files.readAllLines(path(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
