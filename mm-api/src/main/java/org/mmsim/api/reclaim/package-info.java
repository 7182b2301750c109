/**
 * Contracts of reclaim: the LRU lists, kswapd and direct reclaim, swap areas, the workingset, and the OOM killer, as
 * mm/vmscan.c, mm/workingset.c, mm/swapfile.c and mm/oom_kill.c do them. The choices themselves (which page, which
 * process) are made by the plugins of {@link org.mmsim.spi}.
 */
package org.mmsim.api.reclaim;
