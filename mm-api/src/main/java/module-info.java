/**
 * mmsim's contracts: the value types and interfaces of every layer, the machine configuration, simulated time, the
 * {@code /proc/vmstat} counters, primitive collections for hot paths, and the plugin SPI. It depends on nothing but
 * {@code java.base}, so a plugin that requires it requires nothing else.
 */
module org.mmsim.api {
    exports org.mmsim.api;
    exports org.mmsim.api.stat;
    exports org.mmsim.api.time;
    exports org.mmsim.api.util;
    exports org.mmsim.api.physical;
    exports org.mmsim.api.paging;
    exports org.mmsim.api.kalloc;
    exports org.mmsim.api.reclaim;
    exports org.mmsim.api.spi;
}
