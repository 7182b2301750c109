/**
 * The paging layer of mmsim: processes, address spaces and VMAs, page tables, the MMU and TLBs, page faults,
 * copy-on-write, fork and exec (mm/memory.c, mm/mmap.c, kernel/fork.c, the x86 MMU). It requires only
 * {@code org.mmsim.api} and exports only its Guice module.
 */
// Guice publishes no module descriptor, only an Automatic-Module-Name; its AbstractModule is in this module's API.
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module org.mmsim.paging {
    requires transitive org.mmsim.api;
    requires transitive com.google.guice;

    exports org.mmsim.paging;

    opens org.mmsim.paging to com.google.guice;
    // KernelTables is built through its constructor, by reflection.
    opens org.mmsim.paging.mm to com.google.guice;
}
