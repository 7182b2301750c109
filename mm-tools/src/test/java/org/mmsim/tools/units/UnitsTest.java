package org.mmsim.tools.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class UnitsTest {
    @Test
    void sizesReadLikeMemparse() {
        assertEquals(8L << 30, Sizes.parse("8G"));
        assertEquals(512L << 10, Sizes.parse("512k"));
        assertEquals(4096, Sizes.parse("4096"));
        assertEquals(1L << 40, Sizes.parse("1T"));
        assertEquals("bad size '12Q'; expected a whole number with an optional K, M, G or T suffix",
                assertThrows(IllegalArgumentException.class, () -> Sizes.parse("12Q")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sizes.parse("G"));
        assertThrows(IllegalArgumentException.class, () -> Sizes.parse("-1M"));
        assertThrows(IllegalArgumentException.class, () -> Sizes.parse("99999999999E"));
    }

    @Test
    void sizesWriteWithTheLargestExactSuffix() {
        assertEquals("8G", Sizes.format(8L << 30));
        assertEquals("1536M", Sizes.format(1536L << 20));
        assertEquals("0", Sizes.format(0));
        assertEquals("4097", Sizes.format(4097));
    }

    @Test
    void durationsTakeAUnitOrMeanSeconds() {
        assertEquals(1_500_000_000L, Durations.parseNanos("1500ms"));
        assertEquals(2_000_000_000L, Durations.parseNanos("2"));
        assertEquals(250L, Durations.parseNanos("250ns"));
        assertEquals(60_000_000_000L, Durations.parseNanos("1m"));
        assertEquals(500_000_000L, Durations.parseNanos("0.5s"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parseNanos("soon"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parseNanos("-1s"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parseNanos("s"));
    }
}
