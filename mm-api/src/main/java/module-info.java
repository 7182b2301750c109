/**
 * mmsim's contracts: the value types and interfaces of every layer, the machine configuration, simulated time and
 * the {@code /proc/vmstat} counters. It requires only the plugin SPI ({@code org.mmsim.spi}), transitively, since
 * the layers hand the chosen policies to each other as SPI types.
 */
// The modules org.mmsim.api.kernel is exported to are built after this one, so javac cannot see them here.
@SuppressWarnings("module")
module org.mmsim.api {
    requires transitive org.mmsim.spi;

    exports org.mmsim.api;
    exports org.mmsim.api.stat;
    exports org.mmsim.api.time;
    exports org.mmsim.api.physical;
    exports org.mmsim.api.paging;
    exports org.mmsim.api.kalloc;
    exports org.mmsim.api.reclaim;
    // What only the layers call in each other: never a program's to call.
    exports org.mmsim.api.kernel to org.mmsim.physical, org.mmsim.paging, org.mmsim.kalloc, org.mmsim.reclaim,
            org.mmsim.tools;
}
