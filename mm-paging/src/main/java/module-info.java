/**
 * The paging layer of mmsim: address spaces, VMAs, page tables, the MMU and TLBs, and the fault handler (mm/memory.c, mm/mmap.c).
 * It requires only {@code org.mmsim.api} and exports only its Guice module.
 */
module org.mmsim.paging {
    requires transitive org.mmsim.api;
    requires transitive com.google.guice;

    exports org.mmsim.paging;
}
