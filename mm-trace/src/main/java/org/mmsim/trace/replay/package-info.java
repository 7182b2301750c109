/** Trace replay: each (policy, capacity) pair simulated on one decoded trace, on all cores, checked and timed. */
package org.mmsim.trace.replay;
