package org.mmsim.tools.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.mmsim.spi.PolicySettings;
import org.mmsim.spi.ReplacementPolicy;
import org.mmsim.spi.ReplacementPolicyProvider;

/**
 * A replacement policy plugin that throws on its third miss, as a broken plugin does, and the jar that carries it to
 * {@code --plugin-path} (its classes and its services file: what a plugin's build makes).
 */
public final class ThrowingPolicy implements ReplacementPolicyProvider {
    @Override
    public String name() {
        return "throwing";
    }

    @Override
    public String description() {
        return "throws on its third miss";
    }

    @Override
    public ReplacementPolicy create(PolicySettings settings) {
        return new Policy(settings.capacity());
    }

    /** The policy: evicts slot 0, until its third miss. */
    static final class Policy implements ReplacementPolicy {
        private final int capacity;
        private int misses;

        Policy(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public int capacity() {
            return capacity;
        }

        @Override
        public void onMiss(long key) {
            if (++misses == 3) {
                throw new IllegalStateException("out of ideas");
            }
        }

        @Override
        public void onHit(int slot) {
        }

        @Override
        public int evict() {
            return 0;
        }

        @Override
        public void onInsert(long key, int slot) {
        }

        @Override
        public void onRemove(int slot) {
        }
    }

    /** A plugin jar in {@code dir} with this policy, registered for ServiceLoader. */
    static Path jar(Path dir) throws IOException, java.net.URISyntaxException {
        return PluginJar.write(dir.resolve("throwing.jar"), List.of(ThrowingPolicy.class),
                Map.of(ReplacementPolicyProvider.class, List.of(ThrowingPolicy.class)));
    }
}
