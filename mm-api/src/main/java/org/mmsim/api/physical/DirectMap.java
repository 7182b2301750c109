package org.mmsim.api.physical;

/**
 * The kernel's direct mapping of RAM (x86-64's {@code direct_pages_count}): how much of it the boot mapped with 4 KiB,
 * 2 MiB and 1 GiB pages, in kB, as /proc/meminfo's DirectMap4k, DirectMap2M and DirectMap1G show it.
 *
 * @param kb4k kB mapped with 4 KiB pages
 * @param kb2m kB mapped with 2 MiB pages
 * @param kb1g kB mapped with 1 GiB pages
 */
public record DirectMap(long kb4k, long kb2m, long kb1g) {
}
