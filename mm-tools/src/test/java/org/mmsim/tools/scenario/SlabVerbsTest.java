package org.mmsim.tools.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mmsim.api.stat.VmItem;

/** The slab verbs: what they print, SLUB's reports in the output, and one-line errors for bad lines. */
class SlabVerbsTest {
    private final ScenarioHarness scenarios = new ScenarioHarness("s.mms");

    @Test
    void kmallocAndKfreePrintTheirCacheAndCountInVmstat() {
        ScenarioResult r = scenarios.run("machine ram=256M", "kmalloc a 100", "kmalloc b 1000 gfp=GFP_KERNEL|__GFP_RECLAIMABLE",
                "kmalloc c 100000");
        String[] lines = r.text().split("\n");
        assertTrue(lines[0].matches("a: 0xffff888[0-9a-f]+ from kmalloc-128 \\(ksize 128\\)"), lines[0]);
        assertTrue(lines[1].matches("b: 0xffff888[0-9a-f]+ from kmalloc-rcl-1k \\(ksize 1024\\)"), lines[1]);
        assertTrue(lines[2].matches("c: 0xffff888[0-9a-f]+000, 32 pages \\(order 5\\) from the page allocator"), lines[2]);
        // Over the booted machine's slabs: a's object fits in the partly used kmalloc-128 slab the boot left, b's
        // takes a kmalloc-rcl-1k slab and c 32 pages.
        ScenarioResult booted = scenarios.run("machine ram=256M");
        long unreclaimable = booted.machine().vmstat().get(VmItem.NR_SLAB_UNRECLAIMABLE);
        long reclaimable = booted.machine().vmstat().get(VmItem.NR_SLAB_RECLAIMABLE);
        assertEquals(unreclaimable + 32, r.machine().vmstat().get(VmItem.NR_SLAB_UNRECLAIMABLE));
        assertEquals(reclaimable + 4, r.machine().vmstat().get(VmItem.NR_SLAB_RECLAIMABLE),
                "kmalloc-rcl-1k: 12 objects need order 2");
        ScenarioResult freed = scenarios.run("machine ram=256M", "kmalloc c 100000", "kfree c");
        assertEquals(unreclaimable, freed.machine().vmstat().get(VmItem.NR_SLAB_UNRECLAIMABLE));
    }

    @Test
    void cachesAreCreatedMergedShrunkAndDestroyed() {
        ScenarioResult r = scenarios.run("kmem_cache_create foo size=300 flags=SLAB_HWCACHE_ALIGN", "kmem_cache_create bar size=316",
                "kmem_cache_alloc x foo", "kmem_cache_free x", "kmem_cache_shrink foo", "kmem_cache_destroy bar",
                "kmem_cache_destroy foo", "kmem_cache_alloc t task_struct", "kmem_cache_free t");
        String[] lines = r.text().split("\n");
        assertEquals("foo: objsize 320, 12 objects in 1 pages", lines[0]);
        assertEquals("bar: merged into foo (objsize 320)", lines[1]);
        assertTrue(lines[2].startsWith("x: 0xffff888"), lines[2]);
        assertEquals("foo: 1 pages freed", lines[3]);
        assertTrue(lines[4].endsWith(" from task_struct"), lines[4]);
        assertEquals(-1, r.machine().slabAllocator().findCache("foo"));
    }

    @Test
    void destroyWithLiveObjectsIsAOneLineError() {
        assertEquals("s.mms:3: kmem_cache_destroy foo: Slab cache still has objects (1 allocated); expected every "
                + "object freed first", scenarios.error("kmem_cache_create foo size=64", "kmem_cache_alloc x foo", "kmem_cache_destroy foo"));
        assertEquals("s.mms:1: kmem_cache_destroy task_struct: the kernel created this cache at boot and never destroys "
                + "it; expected a cache made with kmem_cache_create", scenarios.error("kmem_cache_destroy task_struct"));
    }

    @Test
    void slubDebugReportsPrintAndTheScenarioGoesOn() {
        String text = scenarios.run("machine slub_debug=FZPU", "kmalloc p 64", "kfree p", "kfree p", "kmalloc q 32",
                "kwrite q offset=32 length=2 value=0x41", "kfree q", "kmalloc u 256", "kfree u", "kwrite u offset=16",
                "kmalloc v 256", "echo done").text();
        assertTrue(text.contains("BUG kmalloc-64 (Not tainted): Object already free\n"), text);
        assertTrue(text.contains("): Right Redzone overwritten\n"), text);
        assertTrue(text.contains("First byte 0x41 instead of 0xcc"), text);
        assertTrue(text.contains("): Poison overwritten\n"), text);
        assertTrue(text.contains("First byte 0x0 instead of 0x6b"), text);
        assertTrue(text.endsWith("done\n"), text);
    }

    @Test
    void validateFindsAUseAfterFree() {
        String text = scenarios.run("machine slub_debug=ZP", "kmalloc p 512", "kfree p", "kwrite p offset=100 length=4 value=0x00",
                "slab_validate kmalloc-512", "slab_validate kmalloc-512").text();
        assertTrue(text.contains("BUG kmalloc-512 (Not tainted): Poison overwritten\n"), text);
        assertTrue(text.endsWith("kmalloc-512: no errors\n"), text);
    }

    @Test
    void badLinesAreOneLineErrors() {
        assertEquals("s.mms:1: kmalloc needs SIZE; expected kmalloc VAR SIZE [gfp=FLAGS] (FLAGS such as GFP_KERNEL, "
                + "GFP_KERNEL|__GFP_RECLAIMABLE, GFP_DMA|GFP_KERNEL)", scenarios.error("kmalloc x"));
        assertEquals("s.mms:1: bad SIZE 'lots'; expected a number of bytes such as 128 or 4K", scenarios.error("kmalloc x lots"));
        assertEquals("s.mms:1: SIZE 8388608; expected 0 to 4194304", scenarios.error("kmalloc x 8M"));
        assertTrue(scenarios.error("kmalloc x 8 gfp=GFP_NOPE").startsWith("s.mms:1: unknown GFP flag 'GFP_NOPE'"));
        assertEquals("s.mms:1: unknown option 'order' for kmalloc; expected one of gfp", scenarios.error("kmalloc x 8 order=1"));
        assertEquals("s.mms:1: kmem_cache_create needs size=N; expected kmem_cache_create NAME size=N [align=N] "
                + "[flags=SLAB_HWCACHE_ALIGN|SLAB_RECLAIM_ACCOUNT|...]", scenarios.error("kmem_cache_create foo"));
        assertTrue(scenarios.error("kmem_cache_create foo size=8 flags=SLAB_FAST").startsWith("s.mms:1: unknown slab flag 'SLAB_FAST'; "
                + "expected names joined by |, from SLAB_CONSISTENCY_CHECKS"));
        assertEquals("s.mms:1: kmem_cache_create(foo): align 3; expected 0 or a power of two up to 4096",
                scenarios.error("kmem_cache_create foo size=8 align=3"));
        assertEquals("s.mms:1: no slab cache named 'nope'; expected a cache from kmem_cache_create or /proc/slabinfo",
                scenarios.error("kmem_cache_alloc x nope"));
        assertEquals("s.mms:1: no kmalloc named 'x'; expected a VAR from an earlier kmalloc", scenarios.error("kfree x"));
        assertEquals("s.mms:2: 'x' is from kmalloc; expected a VAR from kmem_cache_alloc (use kfree)",
                scenarios.error("kmalloc x 8", "kmem_cache_free x"));
        assertEquals("s.mms:1: bad value '0x100'... ".isEmpty() ? "" : "s.mms:1: value 256; expected 0 to 255",
                scenarios.error("kwrite x value=0x100"));
        assertTrue(scenarios.error("machine slub_debug=FQ").startsWith("s.mms:1: slub_debug letter 'Q'; expected letters from F, Z, P"),
                scenarios.error("machine slub_debug=FQ"));
    }

    @Test
    void theSlabExampleShowsEachBug() throws java.io.IOException {
        List<String> lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of("../examples/slab.mms"));
        String text = new ScenarioHarness("slab.mms").run(lines).text();
        assertTrue(text.contains("my_other_objs: merged into my_objs (objsize 64)\n"), text);
        assertTrue(text.contains("BUG kmalloc-128 (Not tainted): Right Redzone overwritten\n"), text);
        assertTrue(text.contains("): Object already free\n"), text);
        assertTrue(text.contains("): Poison overwritten\n"), text);
        assertTrue(text.endsWith("kmalloc-128: 0 pages freed\n"), text);
    }
}
