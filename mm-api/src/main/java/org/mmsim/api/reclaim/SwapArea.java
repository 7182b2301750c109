package org.mmsim.api.reclaim;

/**
 * One swap area as /proc/swaps shows it ({@code struct swap_info_struct}).
 *
 * @param path the file or partition
 * @param type {@code file} or {@code partition}
 * @param pages its size in pages
 * @param used the slots in use
 * @param priority the priority
 */
public record SwapArea(String path, String type, long pages, long used, int priority) {
}
