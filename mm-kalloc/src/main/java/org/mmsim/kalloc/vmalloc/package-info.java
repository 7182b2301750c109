/** vmalloc: the kernel's virtually contiguous allocations (mm/vmalloc.c). */
package org.mmsim.kalloc.vmalloc;
