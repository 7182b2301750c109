package org.mmsim.tools.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.mmsim.spi.OomDecision;
import org.mmsim.spi.OomPolicy;
import org.mmsim.spi.OomPolicyProvider;
import org.mmsim.spi.OomRequest;
import org.mmsim.spi.PolicyArguments;
import org.mmsim.spi.PolicyParameter;
import org.mmsim.spi.PolicySettings;
import org.mmsim.spi.ReplacementPolicy;
import org.mmsim.spi.ReplacementPolicyProvider;

/**
 * Plugins that break the contract in every way a host must survive, in one jar for {@code --plugin-path}: create()
 * returning null, throwing or sleeping for ever, parameters() throwing or sleeping, a stack overflow in onInsert, an
 * evict() that sleeps or loops for ever, an OOM policy whose decide() loops.
 */
public final class HostilePolicies {
    private HostilePolicies() {
    }

    /** The jar, in {@code dir}. */
    public static Path jar(Path dir) throws IOException, java.net.URISyntaxException {
        return PluginJar.write(dir.resolve("hostile.jar"), List.of(HostilePolicies.class), Map.of(
                ReplacementPolicyProvider.class, List.of(NullCreate.class, ThrowingCreate.class, ThrowingParameters.class,
                        Overflowing.class, Sleeping.class, Looping.class, SleepingCreate.class, SleepingParameters.class),
                OomPolicyProvider.class, List.of(LoopingOom.class)));
    }

    /** A replacement provider whose policies do nothing wrong unless told to. */
    abstract static class Named implements ReplacementPolicyProvider {
        @Override
        public String description() {
            return "breaks the contract";
        }

        @Override
        public ReplacementPolicy create(PolicySettings settings) {
            return new Idle(settings.capacity());
        }
    }

    /** Keeps no order: evicts slot 0. */
    static class Idle implements ReplacementPolicy {
        private final int capacity;

        Idle(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public int capacity() {
            return capacity;
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

    public static final class NullCreate extends Named {
        @Override
        public String name() {
            return "null-create";
        }

        @Override
        public ReplacementPolicy create(PolicySettings settings) {
            return null;
        }
    }

    public static final class ThrowingCreate extends Named {
        @Override
        public String name() {
            return "throwing-create";
        }

        @Override
        public ReplacementPolicy create(PolicySettings settings) {
            throw new IllegalStateException("no room for my tables");
        }
    }

    public static final class ThrowingParameters extends Named {
        @Override
        public String name() {
            return "throwing-parameters";
        }

        @Override
        public List<PolicyParameter> parameters() {
            throw new IllegalStateException("lost my parameters");
        }
    }

    public static final class Overflowing extends Named {
        @Override
        public String name() {
            return "overflowing";
        }

        @Override
        public ReplacementPolicy create(PolicySettings settings) {
            return new Idle(settings.capacity()) {
                @Override
                public void onInsert(long key, int slot) {
                    onInsert(key + 1, slot);
                }
            };
        }
    }

    public static final class Sleeping extends Named {
        @Override
        public String name() {
            return "sleeping";
        }

        @Override
        public ReplacementPolicy create(PolicySettings settings) {
            return new Idle(settings.capacity()) {
                @Override
                public int evict() {
                    sleep();
                    return 0;
                }
            };
        }
    }

    public static final class Looping extends Named {
        @Override
        public String name() {
            return "looping";
        }

        @Override
        public ReplacementPolicy create(PolicySettings settings) {
            return new Idle(settings.capacity()) {
                @Override
                public int evict() {
                    while (true) {
                        Thread.onSpinWait();
                    }
                }
            };
        }
    }

    /** Sleeps until interrupted, then throws. */
    private static void sleep() {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            throw new IllegalStateException("woken");
        }
    }

    public static final class SleepingCreate extends Named {
        @Override
        public String name() {
            return "sleeping-create";
        }

        @Override
        public ReplacementPolicy create(PolicySettings settings) {
            sleep();
            return null;
        }
    }

    public static final class SleepingParameters extends Named {
        @Override
        public String name() {
            return "sleeping-parameters";
        }

        @Override
        public List<PolicyParameter> parameters() {
            sleep();
            return List.of();
        }
    }

    public static final class LoopingOom implements OomPolicyProvider {
        @Override
        public String name() {
            return "looping-oom";
        }

        @Override
        public String description() {
            return "never decides";
        }

        @Override
        public OomPolicy create(PolicyArguments arguments) {
            return new OomPolicy() {
                @Override
                public OomDecision decide(OomRequest request) {
                    while (true) {
                        Thread.onSpinWait();
                    }
                }
            };
        }
    }
}
