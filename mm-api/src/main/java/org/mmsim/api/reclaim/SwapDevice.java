package org.mmsim.api.reclaim;

/**
 * The storage behind the swap areas: what {@code swap_writeout()} submits a page's bio to and {@code
 * swap_read_folio()} reads it back from (mm/page_io.c). It keeps the content token of each page written to a slot,
 * named by the area's type (its index in {@code swap_info[]}) and the slot's offset in it.
 *
 * <p>The swap layer decides everything else: which slot a page gets, the swap cache, readahead and the counters. A
 * page of zeroes never reaches the device (the zeromap of 6.12 and later records it instead), so a device sees only
 * pages worth writing, as zram and a disk do. The default keeps every token in memory, as a disk keeps its blocks;
 * bind another implementation ({@code Mmsim.boot(config, binder -> binder.bind(SwapDevice.class).to(...))}) for a
 * device of your own: one that compresses, counts, or forgets.
 *
 * <p>The calls come from the machine's one simulation thread.
 */
public interface SwapDevice {
    /** {@code swapon(2)} enabled area {@code type}, of {@code slots} slots (the header slot 0 included). */
    void swapon(int type, long slots);

    /** {@code swapoff(2)} disabled area {@code type}: no slot of it is read again. */
    void swapoff(int type);

    /** Stores the content {@code token} (never 0) of a page written to slot {@code offset} of area {@code type}. */
    void write(int type, long offset, long token);

    /** The token the last {@link #write} put in slot {@code offset} of area {@code type}. */
    long read(int type, long offset);

    /**
     * Slot {@code offset} of area {@code type} is free again ({@code swap_entries_free()}): what was written there will
     * not be read, and a device that holds pages in memory (zram's {@code zram_slot_free_notify()}) lets it go.
     */
    void discard(int type, long offset);
}
