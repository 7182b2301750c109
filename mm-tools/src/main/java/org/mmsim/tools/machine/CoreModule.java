package org.mmsim.tools.machine;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.Scopes;
import com.google.inject.TypeLiteral;
import com.google.inject.name.Names;
import org.mmsim.api.Machine;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.MachineEvents;
import org.mmsim.spi.OomPolicyProvider;
import org.mmsim.spi.PolicyArguments;
import org.mmsim.spi.ReplacementPolicyProvider;
import org.mmsim.spi.watchdog.PluginWatch;
import org.mmsim.api.stat.VmStat;
import org.mmsim.api.time.SimClock;
import org.mmsim.api.time.Timers;
import org.mmsim.trace.plugin.PolicyChoice;
import org.mmsim.trace.plugin.PolicyRegistry;

/**
 * What every layer of one machine shares: its configuration, its clock and timers, its counters, its kernel log, and
 * the policies it was configured with. One injector per machine, so machines never share state.
 */
public final class CoreModule extends AbstractModule {
    private final MachineConfig config;
    private final PolicyChoice<ReplacementPolicyProvider> replacementPolicy;
    private final PolicyChoice<OomPolicyProvider> oomPolicy;
    /** The plugin watchdog's watch over every call the machine makes into its policies. */
    private final PluginWatch watch = new PluginWatch(null);

    /**
     * @throws IllegalArgumentException if a policy the configuration names is not in {@code registry}, or needs the
     *     future (a machine does not know its next accesses)
     */
    public CoreModule(MachineConfig config, PolicyRegistry registry) {
        this.config = config;
        this.replacementPolicy = registry.replacement(config.replacementPolicy());
        if (replacementPolicy.provider().needsFuture()) {
            throw new IllegalArgumentException("policy " + replacementPolicy.provider().name() + " needs each page's next "
                    + "use, which only a trace replay knows; expected a policy that can run a machine");
        }
        this.oomPolicy = registry.oom(config.oomPolicy());
    }

    /** The machine's watch: its boot and its lines run under it ({@link org.mmsim.spi.watchdog.PluginWatchdog}). */
    PluginWatch watch() {
        return watch;
    }

    @Provides
    @Singleton
    MachineEvents events(EventLoop clock) {
        return new MachineEvents(clock);
    }

    @Override
    protected void configure() {
        bind(MachineConfig.class).toInstance(config);
        bind(EventLoop.class).in(Scopes.SINGLETON);
        bind(SimClock.class).to(EventLoop.class);
        bind(Timers.class).to(EventLoop.class);
        bind(VmStat.class).in(Scopes.SINGLETON);
        bind(PrintkBuffer.class).in(Scopes.SINGLETON);
        bind(org.mmsim.api.KernelLog.class).to(PrintkBuffer.class);
        bind(new TypeLiteral<PolicyChoice<ReplacementPolicyProvider>>() { }).toInstance(replacementPolicy);
        bind(new TypeLiteral<PolicyChoice<OomPolicyProvider>>() { }).toInstance(oomPolicy);
        // What the layers see of the chosen policies: SPI types only.
        bind(ReplacementPolicyProvider.class).toInstance(replacementPolicy.provider());
        bind(PolicyArguments.class).annotatedWith(Names.named("replacement")).toInstance(replacementPolicy.arguments());
        bind(OomPolicyProvider.class).toInstance(oomPolicy.provider());
        bind(PolicyArguments.class).annotatedWith(Names.named("oom")).toInstance(oomPolicy.arguments());
        bind(PluginWatch.class).toInstance(watch);
        bind(SimulatedMachine.class).in(Scopes.SINGLETON);
        bind(Machine.class).to(SimulatedMachine.class);
    }
}
