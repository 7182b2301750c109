/**
 * Benchmark kernels that two harnesses run: {@code ./mm bench} and mm-bench's JMH benchmarks (on the class path) call
 * the same loop, so a figure has one source. Not exported: only those two call it.
 */
package org.mmsim.tools.bench;
