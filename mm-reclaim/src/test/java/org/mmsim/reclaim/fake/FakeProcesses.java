package org.mmsim.reclaim.fake;

import java.util.List;
import java.util.OptionalInt;
import java.util.function.IntPredicate;
import org.mmsim.api.paging.AccessType;
import org.mmsim.api.paging.Overcommit;
import org.mmsim.api.paging.Processes;
import org.mmsim.api.paging.ProgramImage;
import org.mmsim.api.paging.TaskInfo;
import org.mmsim.api.paging.TlbStats;
import org.mmsim.api.paging.VmaInfo;

/**
 * The paging layer as swap sees it: only {@code try_to_unuse()} for swapoff ({@link #swapUnuse}), which the test
 * supplies; everything else throws.
 */
public final class FakeProcesses implements Processes, org.mmsim.api.kernel.ProcessHooks {
    private final IntPredicate swapUnuse;

    /** @param swapUnuse what brings every page of a swap area back, false if memory ran out */
    public FakeProcesses(IntPredicate swapUnuse) {
        this.swapUnuse = swapUnuse;
    }

    @Override
    public boolean swapUnuse(int type) {
        return swapUnuse.test(type);
    }

    @Override
    public void registerReclaim(org.mmsim.api.kernel.Lru lru, org.mmsim.api.reclaim.Swap swap,
                                org.mmsim.api.kernel.SwapCache swapCache, org.mmsim.api.reclaim.Pressure pressure,
                                org.mmsim.api.reclaim.Reclaim reclaim) {
        throw unused();
    }

    @Override
    public void startInit() {
        throw unused();
    }

    @Override
    public long translation(int pid, int cpu, long vaddr, org.mmsim.api.paging.AccessType type) {
        throw unused();
    }

    @Override
    public int spawn(String name, ProgramImage image) {
        throw unused();
    }

    @Override
    public int createProcess(String name, boolean zeroPage) {
        throw unused();
    }

    @Override
    public int fork(int pid, String childName) {
        throw unused();
    }

    @Override
    public void exec(int pid, ProgramImage image) {
        throw unused();
    }

    @Override
    public void exit(int pid) {
        throw unused();
    }

    @Override
    public long mmap(int pid, long addr, long length, int prot, int flags, String file, long offset) {
        throw unused();
    }

    @Override
    public void munmap(int pid, long addr, long length) {
        throw unused();
    }

    @Override
    public void mprotect(int pid, long addr, long length, int prot) {
        throw unused();
    }

    @Override
    public void mlock(int pid, long addr, long length) {
        throw unused();
    }

    @Override
    public void madvise(int pid, long addr, long length, int advice) {
        throw unused();
    }

    @Override
    public long mremap(int pid, long oldAddr, long oldLength, long newLength, int flags) {
        throw unused();
    }

    @Override
    public long brk(int pid, long newBrk) {
        throw unused();
    }

    @Override
    public long malloc(int pid, long size) {
        throw unused();
    }

    @Override
    public void free(int pid, long addr) {
        throw unused();
    }

    @Override
    public int access(int pid, long vaddr, AccessType type) {
        throw unused();
    }

    @Override
    public int access(int pid, long vaddr, AccessType type, int size) {
        throw unused();
    }

    @Override
    public int touch(int pid, long addr, long length, AccessType type) {
        throw unused();
    }

    @Override
    public long read(int pid, long vaddr) {
        throw unused();
    }

    @Override
    public void write(int pid, long vaddr, long token) {
        throw unused();
    }

    @Override
    public void switchTo(int cpu, int pid) {
        throw unused();
    }

    @Override
    public void setOomScoreAdj(int pid, int adj) {
        throw unused();
    }

    @Override
    public List<TaskInfo> tasks() {
        throw unused();
    }

    @Override
    public List<TaskInfo> kernelThreads() {
        throw unused();
    }

    @Override
    public TaskInfo task(int pid) {
        throw unused();
    }

    @Override
    public OptionalInt pidOf(String name) {
        throw unused();
    }

    @Override
    public List<VmaInfo> vmas(int pid) {
        throw unused();
    }

    @Override
    public org.mmsim.api.paging.MemSizeStats smapsRollup(int pid) {
        throw unused();
    }

    @Override
    public Overcommit overcommit() {
        throw unused();
    }

    @Override
    public org.mmsim.api.paging.TaskLimits limits() {
        throw unused();
    }

    @Override
    public org.mmsim.api.paging.MemoryPolicies mempolicies() {
        throw unused();
    }

    @Override
    public long pagemap(int pid, long vaddr) {
        throw unused();
    }

    @Override
    public int current() {
        throw unused();
    }

    @Override
    public int currentCpu() {
        // The fake's tasks all run on CPU 0.
        return 0;
    }

    @Override
    public long forks() {
        throw unused();
    }

    @Override
    public TlbStats tlbStats(int cpu) {
        throw unused();
    }

    private static UnsupportedOperationException unused() {
        return new UnsupportedOperationException("swap does not call this");
    }
}
