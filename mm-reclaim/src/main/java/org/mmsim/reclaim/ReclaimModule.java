package org.mmsim.reclaim;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.name.Named;
import org.mmsim.api.KernelLog;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.paging.Processes;
import org.mmsim.api.physical.PageFrames;
import org.mmsim.api.physical.PhysicalMemory;
import org.mmsim.api.physical.ReclaimHook;
import org.mmsim.api.reclaim.OomKiller;
import org.mmsim.api.reclaim.OomVictimSelector;
import org.mmsim.api.reclaim.Swap;
import org.mmsim.api.spi.OomPolicyProvider;
import org.mmsim.api.spi.PolicyArguments;
import org.mmsim.api.spi.PluginFailureException;
import org.mmsim.api.stat.VmStat;
import org.mmsim.reclaim.oom.GuardedOomSelector;
import org.mmsim.reclaim.oom.OomKill;

/**
 * The Guice module of the reclaim layer: the LRU lists, kswapd and direct reclaim, swap and the OOM killer
 * (mm/vmscan.c, mm/oom_kill.c). The composition root installs it beside the other layers' modules; it binds the
 * layer's {@code org.mmsim.api.reclaim} contracts to implementations in unexported packages, and the page
 * allocator's {@link ReclaimHook} in place of the physical layer's default. It needs the machine's OOM policy: the
 * provider, and its arguments named {@code "oom"}.
 */
public final class ReclaimModule extends AbstractModule {
    @Override
    protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), ReclaimHook.class).setBinding().to(KernelReclaim.class);
    }

    @Provides
    @Singleton
    KernelReclaim kernelReclaim(Provider<OomKiller> oomKiller, MachineConfig config) {
        return new KernelReclaim(oomKiller, config.arch());
    }

    @Provides
    @Singleton
    OomKiller oomKiller(Processes processes, OomVictimSelector selector, KernelLog log, VmStat vmstat, PhysicalMemory memory,
                        PageFrames frames, Provider<Swap> swap, MachineConfig config) {
        return new OomKill(processes, selector, log, vmstat, memory, frames, swap::get, config);
    }

    @Provides
    @Singleton
    OomVictimSelector oomVictimSelector(OomPolicyProvider provider, @Named("oom") PolicyArguments arguments) {
        try {
            return new GuardedOomSelector(provider.name(), java.util.Objects.requireNonNull(provider.create(arguments)));
        } catch (RuntimeException e) {
            throw new PluginFailureException(provider.name(), "create() failed", e);
        }
    }
}
