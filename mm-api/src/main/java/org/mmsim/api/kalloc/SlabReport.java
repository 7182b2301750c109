package org.mmsim.api.kalloc;

/**
 * What SLUB prints when it finds a broken object ({@code slab_bug()}, {@code object_err()} and
 * {@code print_trailer()} in mm/slub.c): a {@code BUG CACHE (Not tainted): TITLE} banner, the slab and the object,
 * the bytes of its red zones, body and padding, and the {@code FIX} lines saying what was repaired.
 *
 * @param cache the cache's name
 * @param title what was found, such as {@code Object already free} or {@code Right Redzone overwritten}
 * @param object the address of the object concerned
 * @param text the whole report, lines ending in newlines
 */
public record SlabReport(String cache, String title, long object, String text) {
    /** The banner line: {@code BUG kmalloc-128 (Not tainted): Object already free}. */
    public String headline() {
        for (String line : text.split("\n")) {
            if (line.startsWith("BUG ")) {
                return line;
            }
        }
        return "BUG " + cache + ": " + title;
    }
}
