/** The per-CPU allocator's dynamic chunks (mm/percpu.c, mm/percpu-vm.c). */
package org.mmsim.kalloc.percpu;
