package org.mmsim.tools.exercise;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Address translation on x86-64 with 4-level paging: a dump of the page tables a process has (CR3, then each
 * table's entries in use as raw 64-bit values with their flags: P present, RW writable, US user, A accessed, D dirty,
 * PS a 2 MiB page at the PD level), and accesses to translate — a physical address, or the fault the MMU raises: a
 * level whose entry is not present, or a write to a page mapped read-only.
 */
final class Translation {
    private static final long P = 1;
    private static final long RW = 1 << 1;
    private static final long US = 1 << 2;
    private static final long A = 1 << 5;
    private static final long D = 1 << 6;
    private static final long PS = 1 << 7;
    private static final String[] LEVELS = {"PML4", "PDPT", "PD", "PT"};
    private static final int[] SHIFTS = {39, 30, 21, 12};

    private final TreeMap<Long, long[]> tables = new TreeMap<>();
    private final SplittableRandom random;
    private long nextPfn;

    private Translation(long seed) {
        random = new SplittableRandom(seed);
        nextPfn = 0x1000 + random.nextInt(0x1000);
    }

    static Exercise generate(long seed) {
        return new Translation(seed).build(seed);
    }

    private long newTable() {
        long pfn = nextPfn;
        nextPfn += 1 + random.nextInt(7);
        tables.put(pfn, new long[512]);
        return pfn;
    }

    /** Maps {@code vaddr}'s page (or 2 MiB page) to a fresh frame, creating the tables on the way. */
    private void map(long cr3, long vaddr, boolean writable, boolean huge) {
        long table = cr3;
        int last = huge ? 2 : 3;
        for (int level = 0; level < last; level++) {
            int index = index(vaddr, level);
            long entry = tables.get(table)[index];
            if ((entry & P) == 0) {
                long next = newTable();
                tables.get(table)[index] = (next << 12) | P | RW | US | A;
                table = next;
            } else {
                table = entry >>> 12 & 0xfffffffffL;
            }
        }
        long frame = huge ? (0x40000L + random.nextInt(0x100) * 512L) : 0x20000L + random.nextInt(0x10000);
        tables.get(table)[index(vaddr, last)] = (frame << 12) | P | US | A | (writable ? RW | D : 0) | (huge ? PS : 0);
    }

    private static int index(long vaddr, int level) {
        return (int) (vaddr >>> SHIFTS[level] & 511);
    }

    private Exercise build(long seed) {
        long cr3 = newTable();
        List<long[]> accesses = new ArrayList<>();
        long base = 0x7f0000000000L | ((long) random.nextInt(1 << 12) << 28);
        long code = 0x555555554000L + ((long) random.nextInt(64) << 12);
        map(cr3, code, false, false);
        map(cr3, base, true, false);
        map(cr3, base + 0x3000, true, false);
        long huge = (base + (1L << 30)) & -(1L << 21);
        map(cr3, huge, true, true);
        // Accesses: {vaddr, write?}: reads and writes that work, a write to the code, and holes at two levels.
        accesses.add(new long[] {code + random.nextInt(4096), 0});
        accesses.add(new long[] {base + random.nextInt(4096), 1});
        accesses.add(new long[] {base + 0x3000 + random.nextInt(4096), 0});
        accesses.add(new long[] {huge + random.nextInt(1 << 21), 1});
        accesses.add(new long[] {code + random.nextInt(4096), 1});
        accesses.add(new long[] {base + 0x1000 + random.nextInt(4096), 0});
        accesses.add(new long[] {(base ^ (1L << 40)) + random.nextInt(4096), 0});
        java.util.Collections.shuffle(accesses, new java.util.Random(random.nextLong()));
        StringBuilder q = new StringBuilder(String.format(Locale.ROOT, "x86-64, 4-level paging, 4 KiB pages. CR3 = %#x "
                + "(the PML4 is frame %#x).%nEach table is a frame of 512 entries; an entry is the next frame << 12 | flags "
                + "(bit 0 P, 1 RW, 2 US, 5 A, 6 D, 7 PS).%nThe virtual address splits into PML4 index (bits 47-39), "
                + "PDPT (38-30), PD (29-21), PT (20-12) and offset (11-0);%na PD entry with PS maps a 2 MiB page "
                + "(offset bits 20-0).%n%nThe tables in use:%n", cr3 << 12, cr3));
        tables.forEach((pfn, entries) -> {
            q.append(String.format("frame %#x:%n", pfn));
            for (int i = 0; i < 512; i++) {
                if (entries[i] != 0) {
                    q.append(String.format(Locale.ROOT, "  [%3d] %#018x  %s%n", i, entries[i], flags(entries[i])));
                }
            }
        });
        q.append(String.format("%nTranslate each access (a physical address), or name the fault:%n"));
        StringBuilder a = new StringBuilder();
        for (int i = 0; i < accesses.size(); i++) {
            long vaddr = accesses.get(i)[0];
            boolean write = accesses.get(i)[1] == 1;
            q.append(String.format("%2d. %-5s %#014x%n", i + 1, write ? "write" : "read", vaddr));
            a.append(String.format("%2d. %-5s %#014x: %s%n", i + 1, write ? "write" : "read", vaddr, walk(cr3, vaddr, write)));
        }
        return new Exercise("translate", seed, q.toString(), a.toString());
    }

    /** The MMU's walk: each level's index and entry, then the physical address or the fault. */
    private String walk(long cr3, long vaddr, boolean write) {
        StringBuilder path = new StringBuilder();
        long table = cr3;
        for (int level = 0; level < 4; level++) {
            int index = index(vaddr, level);
            long entry = tables.get(table)[index];
            path.append(String.format("%s[%d]", LEVELS[level], index));
            if ((entry & P) == 0) {
                return path + " not present: page fault (" + LEVELS[level] + " entry not present)";
            }
            boolean leaf = level == 3 || (level == 2 && (entry & PS) != 0);
            long frame = entry >>> 12 & 0xfffffffffL;
            if (leaf) {
                if (write && (entry & RW) == 0) {
                    return path + String.format(" maps frame %#x read-only: page fault (protection: write to a read-only page)", frame);
                }
                long offset = vaddr & ((1L << SHIFTS[level]) - 1);
                return path + String.format(" -> physical %#x%s", (frame << 12) + offset, level == 2 ? " (2 MiB page)" : "");
            }
            path.append(" -> ");
            table = frame;
        }
        throw new AssertionError("a walk ends at the PT");
    }

    private static String flags(long entry) {
        StringBuilder f = new StringBuilder();
        String[] names = {"P", "RW", "US", "", "", "A", "D", "PS"};
        for (int bit = 0; bit < names.length; bit++) {
            if (!names[bit].isEmpty() && (entry & (1L << bit)) != 0) {
                f.append(f.length() == 0 ? "" : " ").append(names[bit]);
            }
        }
        return f.toString();
    }
}
