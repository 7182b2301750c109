/**
 * JMH microbenchmarks of mmsim's hot paths, measured through the public API a library user calls (a machine from
 * {@code Mmsim.boot}): translations on the TLB-hit and page-walk paths, and page-allocator alloc/free pairs.
 */
package org.mmsim.bench;
