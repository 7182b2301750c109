/** The LRU lists of each node and the workingset's shadow entries (mm/swap.c, mm/workingset.c). */
package org.mmsim.reclaim.lru;
