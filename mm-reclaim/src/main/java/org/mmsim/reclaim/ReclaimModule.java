package org.mmsim.reclaim;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import org.mmsim.api.MachineConfig;
import org.mmsim.api.kernel.PageFrames;
import org.mmsim.api.physical.PhysicalMemory;
import org.mmsim.api.kernel.ReclaimHook;
import org.mmsim.api.kernel.Lru;
import org.mmsim.api.kernel.SwapCache;
import org.mmsim.api.reclaim.OomKiller;
import org.mmsim.api.reclaim.OomVictimSelector;
import org.mmsim.api.reclaim.Pressure;
import org.mmsim.api.reclaim.Reclaim;
import org.mmsim.api.reclaim.Swap;
import org.mmsim.api.reclaim.SwapDevice;
import org.mmsim.spi.OomPolicyProvider;
import org.mmsim.spi.ReplacementPolicyProvider;
import org.mmsim.spi.PolicyArguments;
import org.mmsim.spi.watchdog.PluginWatch;
import org.mmsim.api.stat.VmStat;
import org.mmsim.reclaim.lru.LruLists;
import org.mmsim.reclaim.lru.PolicyPools;
import org.mmsim.reclaim.lru.Workingset;
import org.mmsim.reclaim.oom.GuardedOomSelector;
import org.mmsim.reclaim.oom.OomKill;
import org.mmsim.reclaim.psi.MemoryPressure;
import org.mmsim.reclaim.swap.BlockSwapDevice;
import org.mmsim.reclaim.swap.SwapSpace;
import org.mmsim.reclaim.vmscan.KernelReclaim;
import org.mmsim.reclaim.vmscan.Kswapd;
import org.mmsim.reclaim.vmscan.Vmscan;

/**
 * The Guice module of the reclaim layer: the LRU lists, kswapd and direct reclaim, swap and the OOM killer
 * (mm/vmscan.c, mm/workingset.c, mm/oom_kill.c). The composition root installs it beside the other layers' modules;
 * it binds the layer's {@code org.mmsim.api.reclaim} contracts to implementations in unexported packages, and
 * registers the page allocator's {@link ReclaimHook} once the machine is composed ({@code ReclaimInit}). It needs the machine's OOM policy: the provider, and its arguments named
 * {@code "oom"}. The layers below are built first and know nothing of reclaim; reclaim's parts take them by
 * constructor, then register themselves in them.
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
        bind(KernelReclaim.class).in(Singleton.class);
        bind(Workingset.class).in(Singleton.class);
        bind(Lru.class).to(LruLists.class);
        bind(Vmscan.class).in(Singleton.class);
        bind(Reclaim.class).to(Vmscan.class);
        bind(Kswapd.class).in(Singleton.class);
        bind(MemoryPressure.class).in(Singleton.class);
        bind(Pressure.class).to(MemoryPressure.class);
        bind(SwapSpace.class).in(Singleton.class);
        bind(SwapDevice.class).to(BlockSwapDevice.class).in(Singleton.class);
        // One swap, two sides: what a program administers and what the kernel layers do with the slots.
        bind(Swap.class).to(SwapSpace.class);
        bind(SwapCache.class).to(SwapSpace.class);
        bind(OomKill.class).in(Singleton.class);
        bind(OomKiller.class).to(OomKill.class);
    }

    @Provides
    @Singleton
    LruLists lruLists(PhysicalMemory memory, PageFrames frames, VmStat vmstat, Workingset workingset,
                      ReplacementPolicyProvider policy, @Named("replacement") PolicyArguments arguments,
                      MachineConfig config, PluginWatch watch) {
        LruLists lists = new LruLists(memory.zones(), memory.nodes(), frames, vmstat, workingset);
        // The linux policy is the kernel's own active and inactive lists; any other plugin orders the pages itself.
        if (!policy.name().equals("linux")) {
            lists.drivenBy(new PolicyPools(policy, arguments, config.seed(), memory.zones(), memory.nodes(), frames,
                    watch));
        }
        return lists;
    }

    @Provides
    @Singleton
    OomVictimSelector oomVictimSelector(OomPolicyProvider provider, @Named("oom") PolicyArguments arguments,
                                        PluginWatch watch) {
        return GuardedOomSelector.create(provider, arguments, watch);
    }
}
