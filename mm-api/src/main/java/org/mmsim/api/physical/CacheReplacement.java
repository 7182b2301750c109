package org.mmsim.api.physical;

/**
 * Which line of a full set a CPU cache evicts. Real parts rarely keep true LRU past a few ways: the tree pseudo-LRU
 * of many Intel and Arm L1 and L2 caches keeps one bit per inner node of a binary tree over the ways (ways − 1 bits a
 * set), each pointing away from the half used last, and evicts the leaf the bits lead to.
 */
public enum CacheReplacement {
    /** True least-recently-used: the line used longest ago goes (cachegrind's policy). */
    LRU,
    /** Tree pseudo-LRU over a power-of-two number of ways (at most 64). */
    TREE_PLRU
}
