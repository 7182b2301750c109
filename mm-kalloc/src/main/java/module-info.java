/**
 * The kalloc layer of mmsim: kmalloc, the SLUB caches, vmalloc and the page cache (mm/slub.c, mm/vmalloc.c, mm/filemap.c).
 * It requires only {@code org.mmsim.api} and exports only its Guice module.
 */
// Guice publishes no module descriptor, only an Automatic-Module-Name; its AbstractModule is in this module's API.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module org.mmsim.kalloc {
    requires transitive org.mmsim.api;
    requires transitive com.google.guice;

    exports org.mmsim.kalloc;

    opens org.mmsim.kalloc to com.google.guice;
}
