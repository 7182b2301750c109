package org.mmsim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.mmsim.api.physical.Gfp;

/** GFP masks and their %pGg text as a Linux 6.18 kernel prints them (include/linux/gfp_types.h, mmflags.h). */
class GfpTest {
    @Test
    void theCompositeMasksHaveTheKernelsValues() {
        assertEquals(0xcc0, Gfp.GFP_KERNEL);
        assertEquals(0x820, Gfp.GFP_ATOMIC);
        assertEquals(0x2800, Gfp.GFP_NOWAIT);
        assertEquals(0xc00, Gfp.GFP_NOIO);
        assertEquals(0xc40, Gfp.GFP_NOFS);
        assertEquals(0x100cc0, Gfp.GFP_USER);
        assertEquals(0x100cc2, Gfp.GFP_HIGHUSER);
        assertEquals(0x100cca, Gfp.GFP_HIGHUSER_MOVABLE);
        assertEquals(0x400cc0, Gfp.GFP_KERNEL_ACCOUNT);
        assertEquals(0x1c20ca, Gfp.GFP_TRANSHUGE_LIGHT);
        assertEquals(0x1c24ca, Gfp.GFP_TRANSHUGE);
    }

    @Test
    void masksPrintAsPercentPGg() {
        assertEquals("0xcc0(GFP_KERNEL)", Gfp.describe(0xcc0));
        assertEquals("0xdc0(GFP_KERNEL|__GFP_ZERO)", Gfp.describe(0xdc0));
        assertEquals("0x2820(GFP_ATOMIC|__GFP_NOWARN)", Gfp.describe(0x2820));
        assertEquals("0x140cca(GFP_HIGHUSER_MOVABLE|__GFP_COMP)", Gfp.describe(0x140cca));
        assertEquals("0x52cc0(GFP_KERNEL|__GFP_NOWARN|__GFP_NORETRY|__GFP_COMP)", Gfp.describe(0x52cc0));
        assertEquals("0x400dc0(GFP_KERNEL_ACCOUNT|__GFP_ZERO)", Gfp.describe(0x400dc0));
        assertEquals("0xa(__GFP_HIGHMEM|__GFP_MOVABLE)", Gfp.describe(0xa));
        assertEquals("0x200(0x200)", Gfp.describe(0x200));
    }
}
