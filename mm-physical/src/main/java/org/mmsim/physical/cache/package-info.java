/**
 * The CPU caches under the pages: set-associative arrays (true LRU or tree pseudo-LRU, dirty bits), the machine's
 * per-CPU hierarchy (write-back, write-allocate, inclusive or not, a next-line/stride prefetcher) and cachegrind's
 * model, the reference for one core.
 */
package org.mmsim.physical.cache;
