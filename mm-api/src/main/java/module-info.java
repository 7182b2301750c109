/**
 * mmsim's contracts: the value types and interfaces of every layer, the machine configuration, simulated time and
 * the {@code /proc/vmstat} counters. It requires only the plugin SPI ({@code org.mmsim.spi}), transitively, since
 * the layers hand the chosen policies to each other as SPI types.
 */
module org.mmsim.api {
    requires transitive org.mmsim.spi;

    exports org.mmsim.api;
    exports org.mmsim.api.stat;
    exports org.mmsim.api.time;
    exports org.mmsim.api.physical;
    exports org.mmsim.api.paging;
    exports org.mmsim.api.kalloc;
    exports org.mmsim.api.reclaim;
}
