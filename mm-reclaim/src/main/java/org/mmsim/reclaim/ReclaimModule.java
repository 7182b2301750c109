package org.mmsim.reclaim;

import com.google.inject.AbstractModule;
import com.google.inject.Provider;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import org.mmsim.api.KernelLog;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.MachineEvents;
import org.mmsim.api.kalloc.PageCache;
import org.mmsim.api.paging.Processes;
import org.mmsim.api.paging.ReverseMap;
import org.mmsim.api.physical.PageAllocator;
import org.mmsim.api.physical.PageFrames;
import org.mmsim.api.physical.PhysicalMemory;
import org.mmsim.api.physical.ReclaimHook;
import org.mmsim.api.reclaim.Lru;
import org.mmsim.api.reclaim.OomKiller;
import org.mmsim.api.reclaim.OomVictimSelector;
import org.mmsim.api.reclaim.Pressure;
import org.mmsim.api.reclaim.Reclaim;
import org.mmsim.api.reclaim.Swap;
import org.mmsim.spi.OomPolicyProvider;
import org.mmsim.spi.ReplacementPolicyProvider;
import org.mmsim.spi.PolicyArguments;
import org.mmsim.spi.PluginFailureException;
import org.mmsim.api.stat.VmStat;
import org.mmsim.api.time.SimClock;
import org.mmsim.api.time.Timers;
import org.mmsim.spi.util.Lazy;
import org.mmsim.reclaim.lru.LruLists;
import org.mmsim.reclaim.lru.PolicyPools;
import org.mmsim.reclaim.lru.Workingset;
import org.mmsim.reclaim.oom.GuardedOomSelector;
import org.mmsim.reclaim.oom.OomKill;
import org.mmsim.reclaim.psi.MemoryPressure;
import org.mmsim.reclaim.swap.SwapSpace;
import org.mmsim.reclaim.vmscan.KernelReclaim;
import org.mmsim.reclaim.vmscan.Kswapd;
import org.mmsim.reclaim.vmscan.Vmscan;

/**
 * The Guice module of the reclaim layer: the LRU lists, kswapd and direct reclaim, swap and the OOM killer
 * (mm/vmscan.c, mm/workingset.c, mm/oom_kill.c). The composition root installs it beside the other layers' modules;
 * it binds the layer's {@code org.mmsim.api.reclaim} contracts to implementations in unexported packages, and
 * registers the page allocator's {@link ReclaimHook} once the machine is composed ({@code ReclaimInit}). It needs the machine's OOM policy: the provider, and its arguments named
 * {@code "oom"}. The other layers and the reclaim layer need each other, so what reclaim calls in them is looked
 * up when first used.
 */
public final class ReclaimModule extends AbstractModule {
    /** The reclaim layer's bindings, for one machine's injector. */
    public ReclaimModule() {
    }

    @Override
    protected void configure() {
        // Once the layers below are up, reclaim registers its hooks in them (ReclaimInit), as the kernel's reclaim
        // subsystems register theirs late in start_kernel().
        bind(ReclaimInit.class).asEagerSingleton();
        bind(Swap.class).to(SwapSpace.class);
    }

    @Provides
    @Singleton
    KernelReclaim kernelReclaim(Provider<Vmscan> vmscan, Provider<Kswapd> kswapd, Provider<Lru> lru,
                                Provider<OomKiller> oomKiller, Provider<PhysicalMemory> memory, VmStat vmstat,
                                MachineEvents events, MachineConfig config) {
        return new KernelReclaim(Lazy.of(vmscan::get), Lazy.of(kswapd::get), Lazy.of(lru::get), Lazy.of(oomKiller::get),
                vmstat, events, Lazy.of(() -> memory.get().zoneTypes()), config);
    }

    @Provides
    @Singleton
    Workingset workingset(MachineConfig config, VmStat vmstat, Provider<Swap> swap) {
        return new Workingset(config.nodes(), vmstat, () -> swap.get().totalPages());
    }

    @Provides
    @Singleton
    LruLists lruLists(PhysicalMemory memory, PageFrames frames, VmStat vmstat, Workingset workingset,
                      ReplacementPolicyProvider policy, @Named("replacement") PolicyArguments arguments,
                      MachineConfig config) {
        LruLists lists = new LruLists(memory.zones(), memory.nodes(), frames, vmstat, workingset);
        // The linux policy is the kernel's own active and inactive lists; any other plugin orders the pages itself.
        if (!policy.name().equals("linux")) {
            lists.drivenBy(new PolicyPools(policy, arguments, config.seed(), memory.zones(), memory.nodes(), frames));
        }
        return lists;
    }

    @Provides
    Lru lru(LruLists lists) {
        return lists;
    }

    @Provides
    @Singleton
    Vmscan vmscan(LruLists lru, Workingset workingset, PageFrames frames, VmStat vmstat, Provider<ReverseMap> rmap,
                  Provider<Swap> swap, Provider<PageCache> cache) {
        return new Vmscan(lru, workingset, frames, vmstat, Lazy.of(rmap::get), Lazy.of(swap::get), Lazy.of(cache::get));
    }

    @Provides
    @Singleton
    Pressure pressure(SimClock clock) {
        return new MemoryPressure(clock);
    }

    @Provides
    Reclaim reclaim(Vmscan vmscan) {
        return vmscan;
    }

    @Provides
    @Singleton
    Kswapd kswapd(Vmscan vmscan, PhysicalMemory memory, VmStat vmstat, Timers timers) {
        return new Kswapd(vmscan, memory, vmstat, timers);
    }

    @Provides
    @Singleton
    OomKiller oomKiller(Processes processes, OomVictimSelector selector, KernelLog log, MachineEvents events, VmStat vmstat,
                        PhysicalMemory memory, PageFrames frames, Provider<Swap> swap, MachineConfig config) {
        return new OomKill(processes, selector, log, events, vmstat, memory, frames, Lazy.of(swap::get), config);
    }

    @Provides
    @Singleton
    SwapSpace swap(MachineConfig config, PhysicalMemory memory, PageAllocator allocator, PageFrames frames, VmStat vmstat,
                   Provider<Processes> processes, Provider<Lru> lru, Provider<KernelLog> log) {
        return new SwapSpace(config, memory, allocator, frames, vmstat, Lazy.of(processes::get), Lazy.of(lru::get), Lazy.of(log::get));
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
