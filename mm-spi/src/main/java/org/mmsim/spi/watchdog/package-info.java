/**
 * The hosts' side of plugins, not a plugin's: the watchdog that stops a plugin call which never returns. mm-trace's
 * replay and the machine's reclaim layer both mark a {@link org.mmsim.spi.watchdog.PluginWatch}, and
 * {@link org.mmsim.spi.watchdog.PluginWatchdog} watches it; it lives in the SPI module because that is the one
 * module both reach.
 */
package org.mmsim.spi.watchdog;
