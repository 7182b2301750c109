package org.mmsim.physical;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import org.mmsim.api.physical.CpuCaches;
import org.mmsim.physical.cache.CacheFactory;

/**
 * The hardware under the pages on its own: binds {@link CpuCaches}, which builds CPU cache hierarchies. A machine's
 * injector gets it through {@link PhysicalModule}; a tool that needs caches without a machine (a cache exercise)
 * installs it alone, since the caches depend on nothing the machine boots.
 */
public final class CpuCachesModule extends AbstractModule {
    /** The caches' binding. */
    public CpuCachesModule() {
    }

    @Provides
    @Singleton
    CpuCaches cpuCaches() {
        return new CacheFactory();
    }
}
