/**
 * The reclaim layer of mmsim: the LRU lists, kswapd and direct reclaim, swap and the OOM killer (mm/vmscan.c,
 * mm/oom_kill.c). It requires only {@code org.mmsim.api} and exports only its Guice module.
 */
// Guice publishes no module descriptor, only an Automatic-Module-Name; its AbstractModule is in this module's API.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module org.mmsim.reclaim {
    requires transitive org.mmsim.api;
    requires transitive com.google.guice;

    exports org.mmsim.reclaim;

    // Guice builds the layer's parts through their constructors, by reflection.
    opens org.mmsim.reclaim to com.google.guice;
    opens org.mmsim.reclaim.lru to com.google.guice;
    opens org.mmsim.reclaim.vmscan to com.google.guice;
    opens org.mmsim.reclaim.swap to com.google.guice;
    opens org.mmsim.reclaim.oom to com.google.guice;
    opens org.mmsim.reclaim.psi to com.google.guice;
}
