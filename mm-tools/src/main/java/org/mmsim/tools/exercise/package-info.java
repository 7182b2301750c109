/**
 * Teaching exercises in the spirit of the OSTEP homework simulators, over mmsim's model: seeded, reproducible
 * questions — address translation through page tables, the buddy allocator, page replacement, the OOM killer's
 * choice, a CPU cache's hits, misses and victims — with their answers.
 */
package org.mmsim.tools.exercise;
