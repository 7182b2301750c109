/**
 * The physical layer of mmsim: nodes, zones, the frame table and the buddy page allocator (mm/page_alloc.c,
 * mm/mm_init.c, mm/compaction.c). It requires only {@code org.mmsim.api} and exports only its Guice module.
 */
// Guice publishes no module descriptor, only an Automatic-Module-Name; its AbstractModule is in this module's API.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module org.mmsim.physical {
    requires transitive org.mmsim.api;
    requires transitive com.google.guice;

    exports org.mmsim.physical;

    opens org.mmsim.physical to com.google.guice;
}
