package org.mmsim.kalloc.slub;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.mmsim.api.kalloc.KmemCacheException;
import org.mmsim.api.kalloc.SlabCorruptionException;
import org.mmsim.api.kalloc.SlabFlags;
import org.mmsim.api.kalloc.SlabReport;
import org.mmsim.api.physical.Gfp;

/**
 * SLUB's debug side (the {@code CONFIG_SLUB_DEBUG} half of mm/slub.c) for caches with {@code slub_debug} flags:
 * red zones and poison written into each object's bytes ({@code init_object()}), the checks of an object on alloc,
 * free and validate ({@code alloc_debug_processing()}, {@code free_debug_processing()}, {@code check_object()},
 * {@code check_pad_bytes()}), and the report the kernel log would show ({@code slab_bug()}, {@code print_trailer()},
 * {@code slab_fix()}), with the damage repaired ({@code restore_bytes()}). Only these slabs keep their bytes, so the
 * simulated stores and loads of buggy kernel code land here too.
 */
final class SlubDebug {
    /** include/linux/poison.h: a free object's bytes (use after free). */
    static final int POISON_FREE = 0x6b;
    /** The last byte of a poisoned object. */
    static final int POISON_END = 0xa5;
    /** Padding, and what was never initialised. */
    static final int POISON_INUSE = 0x5a;
    /** Red zones of an allocated object. */
    static final int SLUB_RED_ACTIVE = 0xcc;
    /** Red zones of a free object. */
    static final int SLUB_RED_INACTIVE = 0xbb;
    /** The {@code struct page} array of x86-64 ({@code VMEMMAP_START}), 64 bytes a page: where {@code Slab 0x...} points. */
    private static final long VMEMMAP_START = 0xffffea0000000000L;
    private static final String RULE = "=".repeat(77);
    private static final String DASHES = "-".repeat(77);

    private final Slabs slabs;
    private final int word;
    private boolean tainted;

    SlubDebug(Slabs slabs, int word) {
        this.slabs = slabs;
        this.word = word;
    }

    /** Byte offset of object {@code i}'s first byte (after its left red zone) in its slab. */
    static int objectOffset(KmemCache k, int i) {
        return i * k.size + k.redLeftPad;
    }

    /** {@code setup_slab_debug()} and {@code setup_object_debug()}: new slab {@code s}'s bytes. */
    void initSlab(KmemCache k, int s, int order, int objects) {
        DebugSlab d = new DebugSlab(4096 << order, objects);
        slabs.debug[s] = d;
        if ((k.flags & SlabFlags.SLAB_POISON) != 0) {
            Arrays.fill(d.bytes, (byte) POISON_INUSE);
        }
        for (int i = 0; i < objects; i++) {
            initObject(k, d, i, SLUB_RED_INACTIVE, k.objectSize);
        }
    }

    /**
     * {@code init_object()}: the left red zone, the poison (up to the requested size {@code poisonSize} of a kmalloc
     * with orig_size tracking), and the right red zone from there to {@code inuse}.
     */
    void initObject(KmemCache k, DebugSlab d, int i, int val, int poisonSize) {
        byte[] b = d.bytes;
        int p = objectOffset(k, i);
        if ((k.flags & SlabFlags.SLAB_RED_ZONE) != 0) {
            Arrays.fill(b, p - k.redLeftPad, p, (byte) val);
        } else {
            poisonSize = k.objectSize;
        }
        if (k.objectPoison) {
            Arrays.fill(b, p, p + poisonSize - 1, (byte) POISON_FREE);
            b[p + poisonSize - 1] = (byte) POISON_END;
        }
        if ((k.flags & SlabFlags.SLAB_RED_ZONE) != 0) {
            Arrays.fill(b, p + poisonSize, p + k.inuse, (byte) val);
        }
    }

    /**
     * {@code alloc_consistency_checks()} of the object about to be handed out (SLAB_CONSISTENCY_CHECKS).
     *
     * @throws SlabCorruptionException if it is damaged: Linux marks the slab's objects used and takes another; here
     *     the bytes are repaired and the allocation refused, so the cache stays whole
     */
    void checkAlloc(KmemCache k, int s, int object, long jiffies) {
        if ((k.flags & SlabFlags.SLAB_CONSISTENCY_CHECKS) != 0 && k.debugBytes) {
            SlabReport report = checkObject(k, s, object, SLUB_RED_INACTIVE, jiffies);
            if (report != null) {
                throw new SlabCorruptionException(report);
            }
        }
    }

    /**
     * The rest of {@code alloc_debug_processing()}, for an object just taken: its requested size (-1 for a whole
     * object), its red zones and poison as in use, its alloc track, and the zeroes of {@code __GFP_ZERO}.
     */
    void setupAlloc(KmemCache k, int s, int object, int requested, int gfp, String caller, int cpu, long jiffies) {
        DebugSlab d = slabs.debug[s];
        if (d == null) {
            return;
        }
        int size = requested >= 0 && k.origSize ? requested : k.objectSize;
        d.origSize[object] = size;
        initObject(k, d, object, SLUB_RED_ACTIVE, size);
        d.allocBy[object] = caller;
        d.allocCpu[object] = cpu;
        d.allocWhen[object] = jiffies;
        if ((gfp & Gfp.__GFP_ZERO) != 0) {
            int p = objectOffset(k, object);
            Arrays.fill(d.bytes, p, p + size, (byte) 0);
        }
    }

    /**
     * {@code free_debug_processing()}: the red zones checked (SLAB_CONSISTENCY_CHECKS), then the free track, and the
     * object poisoned as free.
     *
     * @throws SlabCorruptionException if the object is damaged; it is not freed
     */
    void freeDebugProcessing(KmemCache k, int s, int object, long addr, String caller, int cpu, long jiffies) {
        if ((k.flags & SlabFlags.SLAB_CONSISTENCY_CHECKS) != 0) {
            SlabReport report = checkObject(k, s, object, SLUB_RED_ACTIVE, jiffies);
            if (report != null) {
                throw new SlabCorruptionException(new SlabReport(report.cache(), report.title(), report.object(),
                        report.text() + String.format("FIX %s: Object at 0x%s not freed%n", k.name, hex(addr))));
            }
        }
        DebugSlab d = slabs.debug[s];
        d.freeBy[object] = caller;
        d.freeCpu[object] = cpu;
        d.freeWhen[object] = jiffies;
        initObject(k, d, object, SLUB_RED_INACTIVE, k.objectSize);
    }

    /** {@code validate_slab_cache()}: every object of every slab of {@code k} checked, each damage repaired. */
    List<SlabReport> validate(KmemCache k, long jiffies) {
        List<SlabReport> reports = new ArrayList<>();
        if (!k.debugBytes) {
            return reports;
        }
        for (int s = 0; s < slabs.limit(); s++) {
            if (slabs.state[s] == Slabs.UNUSED || slabs.cache[s] != k.id) {
                continue;
            }
            for (int i = 0; i < slabs.objects[s]; i++) {
                int val = slabs.isUsed(s, i) ? SLUB_RED_ACTIVE : SLUB_RED_INACTIVE;
                SlabReport report = checkObject(k, s, i, val, jiffies);
                if (report != null) {
                    reports.add(report);
                }
            }
        }
        return reports;
    }

    /**
     * {@code check_object()}: the red zones (as {@code val} says they should be), the kmalloc red zone past the
     * requested size, the poison of a free object and the padding. Every damaged region is restored; the report
     * describes the first one found, or is null if the object is intact.
     */
    SlabReport checkObject(KmemCache k, int slab, int i, int val, long jiffies) {
        DebugSlab d = slabs.debug[slab];
        int p = objectOffset(k, i);
        StringBuilder fixes = new StringBuilder();
        String[] first = new String[1];
        long[] where = new long[2];
        int[] found = new int[2];
        if ((k.flags & SlabFlags.SLAB_RED_ZONE) != 0) {
            check(k, slab, "Left Redzone", p - k.redLeftPad, k.redLeftPad, val, fixes, first, where, found);
            check(k, slab, "Right Redzone", p + k.objectSize, k.inuse - k.objectSize, val, fixes, first, where, found);
            if (k.origSize && val == SLUB_RED_ACTIVE && d.origSize[i] < k.objectSize) {
                check(k, slab, "kmalloc Redzone", p + d.origSize[i], k.objectSize - d.origSize[i], val, fixes, first,
                        where, found);
            }
        } else if ((k.flags & SlabFlags.SLAB_POISON) != 0 && k.objectSize < k.inuse) {
            check(k, slab, "Alignment padding", p + k.objectSize, k.inuse - k.objectSize, POISON_INUSE, fixes, first,
                    where, found);
        }
        if ((k.flags & SlabFlags.SLAB_POISON) != 0) {
            if (val != SLUB_RED_ACTIVE && k.objectPoison) {
                check(k, slab, "Poison", p, k.objectSize - 1, POISON_FREE, fixes, first, where, found);
                check(k, slab, "End Poison", p + k.objectSize - 1, 1, POISON_END, fixes, first, where, found);
            }
            int off = k.metadataEnd();
            if (off != k.sizeFromObject()) {
                check(k, slab, "Object padding", p + off, k.sizeFromObject() - off, POISON_INUSE, fixes, first, where,
                        found);
            }
        }
        if (first[0] == null) {
            return null;
        }
        long base = slabs.base[slab];
        StringBuilder text = new StringBuilder();
        bug(text, k.name, first[0] + " overwritten");
        text.append(String.format("0x%s-0x%s @offset=%d. First byte 0x%x instead of 0x%x%n", hex(base + where[0]),
                hex(base + where[1]), where[0], found[0], found[1]));
        trailer(text, k, slab, i, jiffies);
        text.append(fixes);
        return new SlabReport(k.name, first[0] + " overwritten", base + p, text.toString());
    }

    /** {@code check_bytes_and_report()} for one region: notes the first fault, restores the region's bytes. */
    private void check(KmemCache k, int slab, String what, int start, int length, int value, StringBuilder fixes,
                       String[] first, long[] where, int[] found) {
        byte[] b = slabs.debug[slab].bytes;
        int fault = -1;
        for (int j = start; j < start + length; j++) {
            if ((b[j] & 0xff) != value) {
                fault = j;
                break;
            }
        }
        if (fault < 0) {
            return;
        }
        int end = start + length;
        while (end > fault && (b[end - 1] & 0xff) == value) {
            end--;
        }
        if (first[0] == null) {
            first[0] = what;
            where[0] = fault;
            where[1] = end - 1;
            found[0] = b[fault] & 0xff;
            found[1] = value;
        }
        long base = slabs.base[slab];
        fixes.append(String.format("FIX %s: Restoring %s 0x%s-0x%s=0x%x%n", k.name, what, hex(base + fault),
                hex(base + end - 1), value));
        Arrays.fill(b, fault, end, (byte) value);
    }

    /** {@code object_err()}: a banner, then the object ({@code print_trailer()}). */
    SlabReport objectError(KmemCache k, int slab, int i, String reason, String fix, long jiffies) {
        StringBuilder text = new StringBuilder();
        bug(text, k.name, reason);
        trailer(text, k, slab, i, jiffies);
        text.append(String.format("FIX %s: %s%n", k.name, fix));
        return new SlabReport(k.name, reason, slabs.base[slab] + objectOffset(k, i), text.toString());
    }

    /** {@code slab_err()}: a banner and the slab, for a pointer that is no object of it. */
    SlabReport slabError(KmemCache k, int slab, String reason, long object, String fix) {
        StringBuilder text = new StringBuilder();
        bug(text, k.name, reason);
        slabInfo(text, k, slab);
        text.append(String.format("FIX %s: %s%n", k.name, fix));
        return new SlabReport(k.name, reason, object, text.toString());
    }

    /**
     * A {@code WARN()} from {@code cache_from_obj()} or {@code kfree()}: the pointer is not an object of the cache
     * named, or not a slab object at all.
     */
    SlabReport warning(String cache, String message, long object) {
        tainted = true;
        String text = "------------[ cut here ]------------\n" + "WARNING: mm/slub.c: " + message + "\n"
                + String.format("object pointer: 0x%s%n", hex(object)) + "---[ end trace ]---\n";
        return new SlabReport(cache, message, object, text);
    }

    private void bug(StringBuilder text, String cache, String reason) {
        text.append(RULE).append('\n');
        // print_tainted(): after the first report the kernel carries TAINT_BAD_PAGE ('B').
        text.append("BUG ").append(cache).append(" (").append(tainted ? "Tainted: G    B              " : "Not tainted")
                .append("): ").append(reason).append('\n');
        text.append(DASHES).append("\n\n");
        tainted = true;
    }

    private void slabInfo(StringBuilder text, KmemCache k, int slab) {
        long pfn = slabs.pfn[slab];
        int free = slabs.free[slab];
        boolean head = slabs.order[slab] > 0;
        text.append(String.format("Slab 0x%s objects=%d used=%d fp=0x%s flags=0x%x(%snode=%d)%n",
                hex(VMEMMAP_START + pfn * 64), slabs.objects[slab], slabs.inuse[slab],
                hex(free < 0 ? 0 : slabs.base[slab] + objectOffset(k, free)), head ? 0x40 : 0, head ? "head|" : "",
                slabs.node[slab]));
    }

    /** {@code print_trailer()}: tracking, the slab, the object's address and its sections as hex dumps. */
    private void trailer(StringBuilder text, KmemCache k, int slab, int i, long jiffies) {
        DebugSlab d = slabs.debug[slab];
        if ((k.flags & SlabFlags.SLAB_STORE_USER) != 0) {
            if (d.allocBy[i] != null) {
                text.append(String.format("INFO: Allocated in %s age=%d cpu=%d pid=0%n", d.allocBy[i],
                        jiffies - d.allocWhen[i], d.allocCpu[i]));
            }
            if (d.freeBy[i] != null) {
                text.append(String.format("INFO: Freed in %s age=%d cpu=%d pid=0%n", d.freeBy[i],
                        jiffies - d.freeWhen[i], d.freeCpu[i]));
            }
        }
        slabInfo(text, k, slab);
        int p = objectOffset(k, i);
        long base = slabs.base[slab];
        long fp = 0;
        if (!slabs.isUsed(slab, i) && slabs.freelist[slab][i] >= 0) {
            fp = base + objectOffset(k, slabs.freelist[slab][i]);
        }
        text.append(String.format("Object 0x%s @offset=%d fp=0x%s%n%n", hex(base + p), p, hex(fp)));
        byte[] b = d.bytes;
        if ((k.flags & SlabFlags.SLAB_RED_ZONE) != 0) {
            section(text, "Redzone  ", base, b, p - k.redLeftPad, k.redLeftPad);
        } else if (p > 16) {
            section(text, "Bytes b4 ", base, b, p - 16, 16);
        }
        section(text, "Object   ", base, b, p, Math.min(k.objectSize, 4096));
        if ((k.flags & SlabFlags.SLAB_RED_ZONE) != 0) {
            section(text, "Redzone  ", base, b, p + k.objectSize, k.inuse - k.objectSize);
        }
        int off = k.metadataEnd();
        if (off != k.sizeFromObject()) {
            section(text, "Padding  ", base, b, p + off, k.sizeFromObject() - off);
        }
    }

    /** {@code print_section()}: {@code print_hex_dump()} with addresses, 16 bytes a row, the ASCII at column 49. */
    private void section(StringBuilder text, String label, long base, byte[] b, int from, int length) {
        for (int row = 0; row < length; row += 16) {
            int n = Math.min(16, length - row);
            StringBuilder hexes = new StringBuilder(49);
            StringBuilder ascii = new StringBuilder(16);
            for (int j = 0; j < n; j++) {
                int v = b[from + row + j] & 0xff;
                if (j > 0) {
                    hexes.append(' ');
                }
                hexes.append(Character.forDigit(v >> 4, 16)).append(Character.forDigit(v & 15, 16));
                ascii.append(v >= 0x20 && v < 0x7f ? (char) v : '.');
            }
            while (hexes.length() < 49) {
                hexes.append(' ');
            }
            text.append(label).append(hex(base + from + row)).append(": ").append(hexes).append(ascii).append('\n');
        }
    }

    /** Whether slab {@code s} keeps its bytes (its cache has debug flags). */
    boolean keepsBytes(int s) {
        return slabs.debug[s] != null;
    }

    /**
     * {@code set_orig_size()} when {@code krealloc()} keeps the object at {@code addr} of slab {@code s} of cache
     * {@code k}, with the kmalloc red zone over the bytes given up.
     */
    void setOrigSize(KmemCache k, int s, long addr, long newSize) {
        DebugSlab d = slabs.debug[s];
        if (d == null || !k.origSize) {
            return;
        }
        int object = (int) ((addr - slabs.base[s] - k.redLeftPad) / k.size);
        int p = objectOffset(k, object);
        if (newSize < d.origSize[object] && (k.flags & SlabFlags.SLAB_RED_ZONE) != 0) {
            Arrays.fill(d.bytes, p + (int) newSize, p + d.origSize[object], (byte) SLUB_RED_ACTIVE);
        }
        d.origSize[object] = (int) newSize;
    }

    /** A store into slab {@code s} (-1 for none) at {@code addr}, kept only where the slab keeps its bytes. */
    void write(int s, long addr, int length, int value) {
        if (length < 0) {
            throw new KmemCacheException("write: length " + length + "; expected 0 or more");
        }
        if (s < 0 || slabs.debug[s] == null) {
            return;
        }
        byte[] b = slabs.debug[s].bytes;
        int from = (int) (addr - slabs.base[s]);
        Arrays.fill(b, from, (int) Math.min(b.length, (long) from + length), (byte) value);
    }

    /** The byte at {@code addr} of slab {@code s} (-1 for none), or -1 where no bytes are kept. */
    int read(int s, long addr) {
        if (s < 0 || slabs.debug[s] == null) {
            return -1;
        }
        return slabs.debug[s].bytes[(int) (addr - slabs.base[s])] & 0xff;
    }

    /** An address as {@code %p} prints it without hashing: all the digits of a pointer. */
    String hex(long address) {
        return word == 8 ? String.format("%016x", address) : String.format("%08x", address & 0xffffffffL);
    }
}
