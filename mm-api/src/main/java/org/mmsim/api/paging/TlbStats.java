package org.mmsim.api.paging;

/**
 * What one CPU's MMU counted: hits in the first-level TLBs and in the second-level STLB, misses that needed a page
 * walk, for data and for instruction fetches; the walks and the page-table entries they read; TLB flushes on context
 * switches, INVLPG invalidations and shootdowns received from other CPUs.
 */
public record TlbStats(long dataL1Hits, long dataL2Hits, long dataMisses, long instructionL1Hits, long instructionL2Hits,
                       long instructionMisses, long walks, long walkSteps, long flushes, long invalidations,
                       long shootdowns) {
}
