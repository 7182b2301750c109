/** Pressure stall information for memory (kernel/sched/psi.c). */
package org.mmsim.reclaim.psi;
