package org.mmsim.tools.scenario;

import org.mmsim.tools.units.Sizes;

/**
 * A range of memory a process got from malloc or mmap, named by a scenario variable. A VAR is an address, as a C
 * pointer is: it means the same range in whichever process uses it (a child inherits its parent's), and it survives
 * free and munmap, so a later touch is a use after free or a SIGSEGV as in C.
 *
 * @param malloced whether it came from malloc rather than mmap
 */
record Region(long addr, long size, boolean malloced) {
    /** The region {@code var} names, or an error. */
    static Region of(Session session, String var) {
        return session.variable(var, Region.class, "malloc or mmap");
    }

    /** The mapping {@code var} names, or an error if it came from malloc. */
    static Region mapped(Session session, String var, ScenarioLine line) {
        Region r = of(session, var);
        if (r.malloced()) {
            throw line.error(var + " came from malloc; expected a VAR from mmap (use free)");
        }
        return r;
    }

    /**
     * The end of the range {@code [offset, offset + length)} within it (length null: to its end), as an offset from
     * its start; an error if the range reaches past its end.
     */
    long rangeEnd(ScenarioLine line, String var, long offset, Long length) {
        if (offset >= size || length != null && length > size - offset) {
            throw line.error(String.format("offset=%s%s past the end of %s; expected a range within its %s",
                    Sizes.format(offset), length == null ? "" : " length=" + Sizes.format(length), var,
                    Sizes.format(size)));
        }
        return offset + (length == null ? size - offset : length);
    }

    /** Where its first page starts: a program rounds a malloc'd block to pages before madvise or mlock. */
    long pageStart() {
        return addr & -4096L;
    }

    /** Where the page after its last one starts. */
    long pageEnd() {
        return (addr + size + 4095) & -4096L;
    }

    /** Where its first whole page starts: its start rounded up to a page, as a program rounds before madvise. */
    long innerStart() {
        return (addr + 4095) & -4096L;
    }

    /** Where its last whole page ends: its end rounded down to a page. */
    long innerEnd() {
        return (addr + size) & -4096L;
    }
}
