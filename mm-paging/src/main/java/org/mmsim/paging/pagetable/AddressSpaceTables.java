package org.mmsim.paging.pagetable;

import org.mmsim.api.paging.PagingMode;
import org.mmsim.api.paging.Pte;

/**
 * One address space's page tables, from its top-level table ({@code mm->pgd}): walks, the creation of the tables an
 * address needs ({@code __pte_alloc()} and up), visiting the entries of a range, and the freeing of tables a range
 * leaves empty ({@code free_pgtables()}).
 */
public final class AddressSpaceTables {
    private static final long TABLE_FLAGS = Pte.PRESENT | Pte.RW | Pte.USER | Pte.ACCESSED | Pte.DIRTY;
    private final PageTables store;
    private final PagingMode mode;
    private final long root;
    private long tablePages;

    /**
     * Allocates the top-level table.
     *
     * @throws IllegalStateException if there is no memory for it
     */
    public AddressSpaceTables(PageTables store) {
        this.store = store;
        this.mode = store.mode();
        this.root = store.allocate(0);
        if (root < 0) {
            throw new IllegalStateException("no memory for a page-global directory");
        }
        tablePages = 1;
    }

    /** The bytes of one entry: 4 in i386's two-level tables, 8 otherwise. */
    public int entryBytes() {
        return mode.entryBytes();
    }

    /** Bytes of page tables ({@code mm_pgtables_bytes()}). */
    public long bytes() {
        return tablePages * 4096;
    }

    private int index(long vaddr, int level) {
        return (int) ((vaddr >>> mode.shift(level)) & (mode.entries(level) - 1));
    }

    /**
     * Walks to the entry that maps {@code vaddr}: a leaf (a page, or a large page through PS), or the empty entry
     * where the walk stopped. {@code walk} tells where it is.
     *
     * @return the entry, 0 if none
     */
    public long walk(long vaddr, Walk walk) {
        long table = root;
        int levels = mode.levels();
        walk.steps = 0;
        for (int level = 0; ; level++) {
            int i = index(vaddr, level);
            long entry = store.table(table)[i];
            walk.entryAddresses[walk.steps++] = (table << 12) + (long) i * mode.entryBytes();
            walk.table = table;
            walk.index = i;
            walk.level = level;
            walk.shift = mode.shift(level);
            if (level == levels - 1 || (entry & Pte.PRESENT) == 0 || (entry & Pte.PSE) != 0) {
                return entry;
            }
            table = PageTables.pfnOf(entry);
        }
    }

    /**
     * Makes sure every table down to the last level exists for {@code vaddr}, and points {@code walk} at its entry.
     *
     * @return false if a table could not be allocated
     */
    public boolean prepare(long vaddr, Walk walk) {
        return prepare(vaddr, 12, walk);
    }

    /**
     * Makes sure every table exists down to the level whose entries map pages of {@code 1 << pageShift} bytes (12 for
     * a PTE, 21 or 30 for a large page through PS), and points {@code walk} at the entry for {@code vaddr}.
     *
     * @return false if a table could not be allocated
     * @throws IllegalArgumentException if no level of this paging mode maps pages of that size
     */
    public boolean prepare(long vaddr, int pageShift, Walk walk) {
        int leaf = leafLevel(pageShift);
        long table = root;
        for (int level = 0; level < leaf; level++) {
            int i = index(vaddr, level);
            long entry = store.table(table)[i];
            if ((entry & Pte.PRESENT) == 0) {
                long next = store.allocate(level + 1);
                if (next < 0) {
                    return false;
                }
                tablePages++;
                store.set(table, i, (next << 12) | TABLE_FLAGS);
                entry = store.table(table)[i];
            } else if ((entry & Pte.PSE) != 0) {
                throw new IllegalStateException(String.format("%#x is inside a large page", vaddr));
            }
            table = PageTables.pfnOf(entry);
        }
        walk.table = table;
        walk.index = index(vaddr, leaf);
        walk.level = leaf;
        walk.shift = pageShift;
        return true;
    }

    /**
     * The level whose entries map pages of {@code 1 << pageShift} bytes. Large pages exist at the levels just above
     * the last (PMD, and PUD for 1 GiB) but never at the top level, except for i386's 4 MiB pages in its page directory.
     */
    private int leafLevel(int pageShift) {
        int levels = mode.levels();
        for (int level = levels - 1; level >= 0; level--) {
            if (mode.shift(level) == pageShift && (level == levels - 1 || level >= levels - 3 && (level > 0 || levels == 2))) {
                return level;
            }
        }
        throw new IllegalArgumentException("no " + (1L << pageShift >> 10) + " kB pages in " + mode);
    }

    /** Sets the entry {@code walk} points at. */
    public void set(Walk walk, long entry) {
        store.set(walk.table, walk.index, entry);
    }

    /** Reads the entry {@code walk} points at. */
    public long get(Walk walk) {
        return store.table(walk.table)[walk.index];
    }

    /** What to do with each last-level entry in use in a range. */
    @FunctionalInterface
    public interface EntryVisitor {
        /**
         * @param vaddr the address the entry maps
         * @param table the table's pfn
         * @param index the entry's index
         * @param entry the entry
         */
        void visit(long vaddr, long table, int index, long entry);
    }

    /** Visits every last-level entry in use that maps an address in {@code [from, to)}, in address order. */
    public void forEach(long from, long to, EntryVisitor visitor) {
        scan(from, to, (vaddr, table, index, entry) -> {
            visitor.visit(vaddr, table, index, entry);
            return true;
        });
    }

    /** An {@link EntryVisitor} that may stop the walk. */
    public interface EntryScanner {
        /** As {@link EntryVisitor#visit}; returns false to stop. */
        boolean visit(long vaddr, long table, int index, long entry);
    }

    /**
     * Visits the last-level entries in use of {@code [from, to)} in address order until {@code scanner} stops.
     *
     * @return whether it stopped before the end
     */
    public boolean scan(long from, long to, EntryScanner scanner) {
        return !visit(root, 0, 0, from, to, scanner);
    }

    /** @return false once the scanner stopped */
    private boolean visit(long table, int level, long base, long from, long to, EntryScanner scanner) {
        int shift = mode.shift(level);
        long span = 1L << shift;
        long[] entries = store.table(table);
        for (int i = 0; i < entries.length; i++) {
            long start = base + ((long) i << shift);
            if (start + span <= from || start >= to || entries[i] == 0) {
                continue;
            }
            if (level == mode.levels() - 1 || (entries[i] & Pte.PSE) != 0) {
                if (!scanner.visit(start, table, i, entries[i])) {
                    return false;
                }
            } else if ((entries[i] & Pte.PRESENT) != 0
                    && !visit(PageTables.pfnOf(entries[i]), level + 1, start, from, to, scanner)) {
                return false;
            }
        }
        return true;
    }

    /** Sets one entry found by {@link #forEach}. */
    public void set(long table, int index, long entry) {
        store.set(table, index, entry);
    }

    /** Frees the tables below the top that no longer hold any entry in {@code [from, to)}'s part of the tree. */
    public void freeEmptyTables(long from, long to) {
        prune(root, 0, 0, from, to);
    }

    private void prune(long table, int level, long base, long from, long to) {
        if (level == mode.levels() - 1) {
            return;
        }
        int shift = mode.shift(level);
        long span = 1L << shift;
        long[] entries = store.table(table);
        for (int i = 0; i < entries.length; i++) {
            long start = base + ((long) i << shift);
            if (start + span <= from || start >= to || (entries[i] & Pte.PRESENT) == 0 || (entries[i] & Pte.PSE) != 0) {
                continue;
            }
            long child = PageTables.pfnOf(entries[i]);
            prune(child, level + 1, start, from, to);
            if (store.used(child) == 0) {
                store.set(table, i, 0);
                store.free(child);
                tablePages--;
            }
        }
    }

    /**
     * Allocates a last-level table that no entry points to yet, counted in this address space's tables: the table a
     * huge PMD keeps deposited for the day it is split ({@code pgtable_trans_huge_deposit()}).
     *
     * @return its pfn, or -1 if memory is short
     */
    public long allocateDeposit() {
        long pfn = store.allocate(mode.levels() - 1);
        if (pfn >= 0) {
            tablePages++;
        }
        return pfn;
    }

    /** Frees a deposited table that was never used ({@code zap_deposited_table()}). */
    public void freeDeposit(long pfn) {
        store.free(pfn);
        tablePages--;
    }

    /**
     * Splits the large-page entry {@code walk} points at into the deposited table {@code table}: one entry per base
     * page, each with the large entry's bits but PS, then points the large entry's slot at the table
     * ({@code __split_huge_pmd_locked()}).
     */
    public void splitInto(Walk walk, long table) {
        long entry = get(walk);
        long bits = entry & ~Pte.PFN_MASK & ~Pte.PSE;
        long base = PageTables.pfnOf(entry);
        int pages = 1 << (walk.shift - 12);
        for (int i = 0; i < pages; i++) {
            store.set(table, i, ((base + i) << 12) | bits);
        }
        set(walk, (table << 12) | TABLE_FLAGS);
    }

    /** Frees every table, the top one included ({@code free_pgtables()} and {@code pgd_free()} at exit). */
    public void freeAll() {
        freeEmptyTables(0, Long.MAX_VALUE);
        store.free(root);
        tablePages = 0;
    }

    /** The pfn of the top-level table: what CR3 holds while the address space runs. */
    public long root() {
        return root;
    }
}
