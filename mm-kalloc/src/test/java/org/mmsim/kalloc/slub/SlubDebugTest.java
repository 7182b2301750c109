package org.mmsim.kalloc.slub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmsim.api.kalloc.SlabCorruptionException;
import org.mmsim.api.kalloc.SlabInfo;
import org.mmsim.api.kalloc.SlabReport;
import org.mmsim.api.physical.Gfp;

/**
 * slub_debug=FZPU: each corruption SLUB's debug checks catch is caught here and named as the kernel names it, the
 * operation refused, the damage repaired, and the cache usable after.
 */
class SlubDebugTest {
    private final Machines m = new Machines(1 << 14, 2, "FZPU");
    private final SlubAllocator slab = m.slab;

    private SlabInfo info(String name) {
        return slab.slabinfo(slab.findCache(name));
    }

    private SlabReport refused(Runnable call) {
        return assertThrows(SlabCorruptionException.class, call::run).report();
    }

    @Test
    void debugMetadataGrowsTheSlot() {
        // 128 + 8 right red zone + 8 free pointer + 2 × 32 tracks + 4 orig_size + 8 + a left pad of 128 (kmalloc-128
        // is 128-aligned) = 348, aligned to 128: 384; 21 of them in an order-1 slab.
        SlabInfo k = info("kmalloc-128");
        assertEquals(384, k.objSize());
        assertEquals(21, k.objPerSlab());
        assertEquals(2, k.pagesPerSlab());
        assertEquals(128, k.objectSize());
    }

    @Test
    void objectsArePoisonedAndRedZoned() {
        long a = slab.kmalloc(128, Gfp.GFP_KERNEL);
        assertEquals(0x6b, slab.read(a));
        assertEquals(0x6b, slab.read(a + 126));
        assertEquals(0xa5, slab.read(a + 127));
        assertEquals(0xcc, slab.read(a + 128), "right red zone of an object in use");
        assertEquals(0xcc, slab.read(a - 1), "left red zone");
        slab.kfree(a);
        assertEquals(0xbb, slab.read(a + 128), "red zone of a free object");
        long z = slab.kzalloc(128, Gfp.GFP_KERNEL);
        assertEquals(0, slab.read(z + 5));
    }

    @Test
    void aDoubleFreeIsNamed() {
        long a = slab.kmalloc(128, Gfp.GFP_KERNEL);
        slab.kfree(a);
        SlabReport r = refused(() -> slab.kfree(a));
        assertEquals("Object already free", r.title());
        assertEquals("BUG kmalloc-128 (Not tainted): Object already free", r.headline());
        String hex = String.format("%016x", a);
        assertTrue(r.text().contains("Object " + "0x" + hex + " @offset="), r.text());
        assertTrue(r.text().contains("Object   " + hex + ": 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b 6b  kkkkkkkkkkkkkkkk"),
                r.text());
        assertTrue(r.text().contains("INFO: Freed in kfree age=0 cpu=0 pid=0"), r.text());
        assertTrue(r.text().endsWith("FIX kmalloc-128: Object at 0x" + hex + " not freed\n"), r.text());
        SlabReport second = refused(() -> slab.kfree(a));
        assertTrue(second.headline().startsWith("BUG kmalloc-128 (Tainted: G    B"), second.headline());
    }

    @Test
    void aWritePastTheObjectIsARedZoneOverwrite() {
        long a = slab.kmalloc(128, Gfp.GFP_KERNEL);
        slab.write(a + 128, 1, 0x12);
        SlabReport r = refused(() -> slab.kfree(a));
        assertEquals("Right Redzone overwritten", r.title());
        String at = String.format("0x%016x", a + 128);
        assertTrue(r.text().contains(at + "-" + at + " @offset="), r.text());
        assertTrue(r.text().contains(". First byte 0x12 instead of 0xcc\n"), r.text());
        assertTrue(r.text().contains("FIX kmalloc-128: Restoring Right Redzone " + at + "-" + at + "=0xcc\n"), r.text());
        assertEquals(1, info("kmalloc-128").inuseObjs(), "not freed");
        assertEquals(0xcc, slab.read(a + 128), "repaired");
        slab.kfree(a);
        assertEquals(0, info("kmalloc-128").inuseObjs());
    }

    @Test
    void aWritePastTheRequestedSizeIsAKmallocRedZoneOverwrite() {
        long a = slab.kmalloc(100, Gfp.GFP_KERNEL);
        assertEquals(0xcc, slab.read(a + 100));
        slab.write(a + 100, 4, 0);
        assertEquals("kmalloc Redzone overwritten", refused(() -> slab.kfree(a)).title());
        slab.kfree(a);
    }

    @Test
    void aWriteBeforeTheObjectIsALeftRedZoneOverwrite() {
        long a = slab.kmalloc(256, Gfp.GFP_KERNEL);
        slab.write(a - 2, 2, 0x41);
        assertEquals("Left Redzone overwritten", refused(() -> slab.kfree(a)).title());
    }

    @Test
    void aWriteIntoAFreedObjectIsFoundWhenItIsHandedOutAgain() {
        long a = slab.kmalloc(128, Gfp.GFP_KERNEL);
        slab.kfree(a);
        slab.write(a + 8, 8, 0x00);
        SlabReport r = refused(() -> slab.kmalloc(128, Gfp.GFP_KERNEL));
        assertEquals("Poison overwritten", r.title());
        assertTrue(r.text().contains("First byte 0x0 instead of 0x6b"), r.text());
        assertEquals(0, info("kmalloc-128").inuseObjs(), "nothing was allocated");
        assertEquals(a, slab.kmalloc(128, Gfp.GFP_KERNEL), "the repaired object is handed out next");
    }

    @Test
    void validateFindsDamageInEveryObject() {
        long a = slab.kmalloc(64, Gfp.GFP_KERNEL);
        long b = slab.kmalloc(64, Gfp.GFP_KERNEL);
        slab.kfree(b);
        slab.write(a + 64, 1, 1);
        slab.write(b, 1, 1);
        List<SlabReport> reports = slab.validate(slab.findCache("kmalloc-64"));
        assertEquals(List.of("Right Redzone overwritten", "Poison overwritten"),
                reports.stream().map(SlabReport::title).toList());
        assertEquals(List.of(), slab.validate(slab.findCache("kmalloc-64")), "repaired");
    }

    @Test
    void anInvalidPointerIsNamed() {
        long a = slab.kmalloc(128, Gfp.GFP_KERNEL);
        SlabReport r = refused(() -> slab.kfree(a + 16));
        assertEquals(String.format("Invalid object pointer 0x%016x", a + 16), r.title());
    }

    @Test
    void debugIsLimitedToTheCachesNamed() {
        Machines only = new Machines(1 << 12, 2, "FZP,kmalloc-2*");
        assertTrue(only.slab.slabinfo(only.slab.findCache("kmalloc-256")).objSize() > 256);
        assertEquals(64, only.slab.slabinfo(only.slab.findCache("kmalloc-64")).objSize());
        long a = only.slab.kmalloc(64, Gfp.GFP_KERNEL);
        assertEquals(-1, only.slab.read(a), "caches without debug keep no bytes");
    }
}
