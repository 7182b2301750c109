package org.mmsim.reclaim.fake;

import java.util.HashMap;
import java.util.Map;
import org.mmsim.api.reclaim.SwapDevice;

/**
 * A swap device for the reclaim tests that holds only what was written and not yet discarded, and fails a read of
 * anything else: swap must never read a slot it did not write, or one it freed since, nor write to an area that is
 * not on.
 */
public final class FakeSwapDevice implements SwapDevice {
    private final Map<Integer, Long> areas = new HashMap<>();
    private final Map<Long, Long> blocks = new HashMap<>();
    private long writes;
    private long reads;

    private static long key(int type, long offset) {
        return (long) type << 40 | offset;
    }

    private void check(int type, long offset) {
        Long slots = areas.get(type);
        if (slots == null || offset <= 0 || offset >= slots) {
            throw new AssertionError("slot " + offset + " of swap area " + type + ", which is not on or has no such slot");
        }
    }

    @Override
    public void swapon(int type, long slots) {
        if (areas.putIfAbsent(type, slots) != null) {
            throw new AssertionError("swap area " + type + " is already on");
        }
    }

    @Override
    public void swapoff(int type) {
        if (areas.remove(type) == null) {
            throw new AssertionError("swap area " + type + " is not on");
        }
        blocks.keySet().removeIf(k -> k >>> 40 == type);
    }

    @Override
    public void write(int type, long offset, long token) {
        check(type, offset);
        if (token == 0) {
            throw new AssertionError("a page of zeroes written to the device");
        }
        blocks.put(key(type, offset), token);
        writes++;
    }

    @Override
    public long read(int type, long offset) {
        check(type, offset);
        Long token = blocks.get(key(type, offset));
        if (token == null) {
            throw new AssertionError("slot " + offset + " of swap area " + type + " read, never written or freed since");
        }
        reads++;
        return token;
    }

    @Override
    public void discard(int type, long offset) {
        check(type, offset);
        blocks.remove(key(type, offset));
    }

    /** Pages written to the device: {@code pswpout}. */
    public long writes() {
        return writes;
    }

    /** Pages read from the device: {@code pswpin}. */
    public long reads() {
        return reads;
    }

    /** Pages the device holds now. */
    public int held() {
        return blocks.size();
    }
}
