package org.mmsim.trace.format;

/**
 * Where an address-trace reader puts each memory access, as primitives: no object per record. The kinds are
 * lackey's: an instruction fetch, a load, a store, and a modify (a load and a store of the same bytes, one access).
 */
@FunctionalInterface
public interface AccessSink {
    /** lackey {@code I}: an instruction fetch. */
    int FETCH = 0;
    /** lackey {@code L}, address-trace {@code l}: a load. */
    int LOAD = 1;
    /** lackey {@code S}, address-trace {@code s}: a store. */
    int STORE = 2;
    /** lackey {@code M}: a load and a store of the same bytes, as one access. */
    int MODIFY = 3;

    /**
     * One access of {@code size} bytes (at least 1) at {@code address}.
     *
     * @param kind {@link #FETCH}, {@link #LOAD}, {@link #STORE} or {@link #MODIFY}
     */
    void access(int kind, long address, int size);
}
