/** Page reclaim: scanning the LRU lists, kswapd and direct reclaim (mm/vmscan.c). */
package org.mmsim.reclaim.vmscan;
