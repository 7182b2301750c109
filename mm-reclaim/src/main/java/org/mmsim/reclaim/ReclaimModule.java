package org.mmsim.reclaim;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.name.Named;
import java.util.Optional;
import org.mmsim.api.KernelLog;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.paging.Processes;
import org.mmsim.api.physical.PageAllocator;
import org.mmsim.api.physical.PageFrames;
import org.mmsim.api.physical.PhysicalMemory;
import org.mmsim.api.reclaim.Lru;
import org.mmsim.api.reclaim.OomVictimSelector;
import org.mmsim.api.reclaim.Swap;
import org.mmsim.api.spi.OomPolicyProvider;
import org.mmsim.api.spi.PolicyArguments;
import org.mmsim.api.spi.PluginFailureException;
import org.mmsim.api.stat.VmStat;
import org.mmsim.reclaim.oom.GuardedOomSelector;
import org.mmsim.reclaim.swap.SwapSpace;

/**
 * The Guice module of the reclaim layer: the LRU lists, kswapd and direct reclaim, swap and the OOM killer
 * (mm/vmscan.c, mm/oom_kill.c). The composition root installs it beside the other layers' modules; it binds the
 * layer's {@code org.mmsim.api.reclaim} contracts to implementations in unexported packages. It needs the machine's
 * OOM policy: the provider, and its arguments named {@code "oom"}.
 */
public final class ReclaimModule extends AbstractModule {
    @Override
    protected void configure() {
        // Swap replaces the paging layer's default (no swap).
        OptionalBinder.newOptionalBinder(binder(), Swap.class).setBinding().to(SwapSpace.class);
        // Swap feeds the LRU lists and logs swapon when they are bound (directly or with an OptionalBinder).
        OptionalBinder.newOptionalBinder(binder(), Lru.class);
        OptionalBinder.newOptionalBinder(binder(), KernelLog.class);
    }

    @Provides
    @Singleton
    SwapSpace swap(MachineConfig config, PhysicalMemory memory, PageAllocator allocator, PageFrames frames, VmStat vmstat,
                   Provider<Processes> processes, Provider<Optional<Lru>> lru, Provider<Optional<KernelLog>> log) {
        return new SwapSpace(config, memory, allocator, frames, vmstat, processes::get, lru::get, log::get);
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
