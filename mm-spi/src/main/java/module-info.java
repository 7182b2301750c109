/**
 * The mmsim plugin SPI: the extension points a page-replacement or OOM policy plugin implements
 * ({@code org.mmsim.spi}), the primitive collections it may use on its hot path ({@code org.mmsim.spi.util}), and
 * {@link org.mmsim.spi.BadInputException}, the one-line error for input mmsim cannot use, and the hosts' watchdog over plugin calls
 * ({@code org.mmsim.spi.watchdog}), shared by the trace replay and the machine. It requires only
 * {@code java.base}: a plugin jar requires this module and nothing else of mmsim.
 */
module org.mmsim.spi {
    exports org.mmsim.spi;
    exports org.mmsim.spi.util;
    exports org.mmsim.spi.watchdog;
}
