/**
 * What a 6.18 boot allocates once the buddy allocator is up and before init runs: the large hash tables, the boot
 * caches' slab objects and the vmalloc'd areas, from tables read off a real machine.
 */
package org.mmsim.kalloc.boot;
