/**
 * Miss-ratio curves in one pass over a trace: LRU stack distances (Mattson et al. 1970) counted with a Fenwick tree,
 * exactly or on a spatially hashed sample (SHARDS, Waldspurger et al. 2015), the curve a replay of LRU would give at every size.
 */
package org.mmsim.trace.mrc;
