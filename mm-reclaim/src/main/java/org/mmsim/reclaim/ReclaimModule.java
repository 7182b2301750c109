package org.mmsim.reclaim;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.name.Named;
import org.mmsim.api.reclaim.OomVictimSelector;
import org.mmsim.api.spi.OomPolicyProvider;
import org.mmsim.api.spi.PolicyArguments;
import org.mmsim.api.spi.PluginFailureException;
import org.mmsim.reclaim.oom.GuardedOomSelector;

/**
 * The Guice module of the reclaim layer: the LRU lists, kswapd and direct reclaim, swap and the OOM killer
 * (mm/vmscan.c, mm/oom_kill.c). The composition root installs it beside the other layers' modules; it binds the
 * layer's {@code org.mmsim.api.reclaim} contracts to implementations in unexported packages. It needs the machine's
 * OOM policy: the provider, and its arguments named {@code "oom"}.
 */
public final class ReclaimModule extends AbstractModule {
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
