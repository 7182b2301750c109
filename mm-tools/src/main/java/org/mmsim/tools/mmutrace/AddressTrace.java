package org.mmsim.tools.mmutrace;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.mmsim.tools.machine.SimulatedMachine;
import org.mmsim.api.paging.AccessType;
import org.mmsim.api.paging.Processes;
import org.mmsim.api.paging.Prot;
import org.mmsim.api.paging.TlbStats;
import org.mmsim.api.physical.CacheHierarchy;
import org.mmsim.spi.util.LongIntHashMap;
import org.mmsim.trace.format.TraceFormat;

/**
 * Runs an address trace as one process on a machine: the process starts with an empty address space on CPU 0,
 * then either maps a {@code /proc/PID/maps} listing, or, by default, all of user space from address 0 (as with
 * {@code vm.mmap_min_addr = 0}: traces made on other systems touch low pages) as one private anonymous mapping with
 * no zero page, so that every page the trace touches is demand-zero memory
 * faulted in by its first access, whatever the access. Each access is translated by the MMU for each page it
 * touches; a fault is handled as the kernel would and counted. With a cache hierarchy, each access also goes through
 * it once, at the trace's own address (as cachegrind simulates caches on the guest's virtual addresses).
 */
public final class AddressTrace {
    private static final AccessType[] TYPES = {AccessType.EXECUTE, AccessType.READ, AccessType.WRITE, AccessType.WRITE};

    private final Processes processes;
    private final int pid;
    private final TlbStats before;
    private final CacheHierarchy caches;
    private final LongIntHashMap seen = new LongIntHashMap(1 << 12, 0);
    // A direct-mapped filter in front of the set of pages seen: most accesses repeat a recent page.
    private final long[] recent = new long[1024];
    private long accesses;
    private long fetches;
    private long touches;
    private long minor;
    private long major;
    private long segfaults;
    private long firstSegfault = -1;

    /**
     * Creates the traced process.
     *
     * @param maps a maps listing to map, or empty for the default mapping
     */
    public AddressTrace(SimulatedMachine machine, Optional<Path> maps) {
        this(machine, maps, Optional.empty());
    }

    /**
     * Creates the traced process, its accesses also run through {@code caches}.
     *
     * @param maps a maps listing to map, or empty for the default mapping
     * @param caches the CPU's caches, or empty to leave them out
     */
    public AddressTrace(SimulatedMachine machine, Optional<Path> maps, Optional<CacheHierarchy> caches) {
        this.caches = caches.orElse(null);
        this.processes = machine.processes();
        long taskSize = machine.config().pagingMode().taskSize();
        pid = processes.createProcess("traced", maps.isPresent());
        if (maps.isPresent()) {
            MapsListing.read(maps.get()).apply(processes, machine.pageCache(), pid, taskSize);
        } else {
            processes.mmap(pid, 0, taskSize, Prot.PROT_READ | Prot.PROT_WRITE | Prot.PROT_EXEC,
                    Prot.MAP_PRIVATE | Prot.MAP_ANONYMOUS | Prot.MAP_FIXED | Prot.MAP_NORESERVE, null, 0);
        }
        processes.switchTo(0, pid);
        // Starting init translated on this CPU too: the run reports only its own lookups.
        before = processes.tlbStats(0);
    }

    /**
     * Reads {@code file} and runs every access.
     *
     * @param format the format, or empty to detect it
     * @throws org.mmsim.trace.format.TraceException for a bad record; nothing is reported then
     */
    public AddressTraceResult run(Path file, Optional<TraceFormat> format) {
        long start = System.nanoTime();
        TraceFormat read;
        try (AccessBatches batches = new AccessBatches(file, format)) {
            while (true) {
                AccessBatches.Batch b = batches.next();
                long[] addresses = b.addresses;
                int[] kindSizes = b.kindSizes;
                for (int i = 0, n = b.count; i < n; i++) {
                    access(kindSizes[i] >>> 16, addresses[i], kindSizes[i] & 0xffff);
                }
                if (b.last) {
                    if (b.error != null) {
                        throw b.error;
                    }
                    read = b.format;
                    break;
                }
                batches.recycle(b);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new AddressTraceResult(read, accesses, touches, seen.size(), minor, major, segfaults, firstSegfault,
                since(before, processes.tlbStats(0)), processes.task(pid).counters().hiwaterRss() * 4,
                caches == null ? List.of() : caches.stats(), seconds);
    }

    /** The instruction fetches the trace held so far: its instructions, as lackey records one per instruction. */
    public long fetches() {
        return fetches;
    }

    private static TlbStats since(TlbStats a, TlbStats b) {
        return new TlbStats(b.dataL1Hits() - a.dataL1Hits(), b.dataL2Hits() - a.dataL2Hits(), b.dataMisses() - a.dataMisses(),
                b.instructionL1Hits() - a.instructionL1Hits(), b.instructionL2Hits() - a.instructionL2Hits(),
                b.instructionMisses() - a.instructionMisses(), b.walks() - a.walks(), b.walkSteps() - a.walkSteps(),
                b.flushes() - a.flushes(), b.invalidations() - a.invalidations(), b.shootdowns() - a.shootdowns());
    }

    /** One access: each page it touches, in address order. */
    void access(int kind, long address, int size) {
        accesses++;
        if (kind == CacheHierarchy.FETCH) {
            fetches++;
        }
        if (caches != null) {
            caches.access(kind, address, size);
        }
        AccessType type = TYPES[kind];
        long first = address >>> 12;
        long last = (address + size - 1) >>> 12;
        touch(first, address, type);
        for (long page = first + 1; page <= last; page++) {
            touch(page, page << 12, type);
        }
    }

    private void touch(long page, long address, AccessType type) {
        touches++;
        int slot = (int) page & (recent.length - 1);
        if (recent[slot] != page + 1) {
            recent[slot] = page + 1;
            if (seen.get(page) == 0) {
                seen.put(page, 1);
            }
        }
        switch (processes.access(pid, address, type)) {
            case Processes.NO_FAULT:
                return;
            case Processes.MINOR_FAULT:
                minor++;
                return;
            case Processes.MAJOR_FAULT:
                major++;
                return;
            default:
                if (segfaults++ == 0) {
                    firstSegfault = address;
                }
        }
    }
}
