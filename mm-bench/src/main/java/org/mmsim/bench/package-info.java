/**
 * JMH microbenchmarks of mmsim's hot paths, measured through the public API a library user calls (a machine from
 * {@code Mmsim.boot}): translations on the TLB-hit and page-walk paths (the loop {@code ./mm bench mmu} shares,
 * {@code org.mmsim.tools.bench}, reached on the class path), and page-allocator alloc/free pairs; and
 * {@link org.mmsim.bench.HeapPerFrame}, the heap per simulated frame measured with JOL.
 */
package org.mmsim.bench;
