package org.mmsim.tools.proc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.mmsim.api.kalloc.SlabInfo;
import org.mmsim.tools.machine.SimulatedMachine;

/**
 * {@code slabtop -o} (procps-ng): the five summary lines over every cache of /proc/slabinfo, then one row per
 * cache sorted by object count, largest first (slabtop's default sort). Sizes are {@code objsize × objects} in KiB;
 * CACHE SIZE is the slabs' pages.
 */
public final class Slabtop {
    private Slabtop() {
    }

    /** The text {@code slabtop -o} prints on {@code machine}. */
    public static String render(SimulatedMachine machine) {
        List<SlabInfo> caches = new ArrayList<>(machine.slabAllocator().slabinfo());
        long objs = 0;
        long activeObjs = 0;
        long slabs = 0;
        long activeSlabs = 0;
        long activeCaches = 0;
        double size = 0;
        double activeSize = 0;
        long minObj = Long.MAX_VALUE;
        long maxObj = 0;
        for (SlabInfo s : caches) {
            objs += s.numObjs();
            activeObjs += s.activeObjs();
            slabs += s.numSlabs();
            activeSlabs += s.activeSlabs();
            activeCaches += s.activeObjs() > 0 ? 1 : 0;
            size += (double) s.numObjs() * s.objSize();
            activeSize += (double) s.activeObjs() * s.objSize();
            minObj = Math.min(minObj, s.objSize());
            maxObj = Math.max(maxObj, s.objSize());
        }
        double avgObj = objs == 0 ? 0 : size / objs;
        StringBuilder text = new StringBuilder(8192);
        text.append(String.format(" %-35s: %d / %d (%s%%)%n", "Active / Total Objects (% used)", activeObjs, objs,
                fixed(percent(activeObjs, objs), 1)));
        text.append(String.format(" %-35s: %d / %d (%s%%)%n", "Active / Total Slabs (% used)", activeSlabs, slabs,
                fixed(percent(activeSlabs, slabs), 1)));
        text.append(String.format(" %-35s: %d / %d (%s%%)%n", "Active / Total Caches (% used)", activeCaches,
                caches.size(), fixed(percent(activeCaches, caches.size()), 1)));
        text.append(String.format(" %-35s: %sK / %sK (%s%%)%n", "Active / Total Size (% used)", fixed(activeSize / 1024, 2),
                fixed(size / 1024, 2), fixed(percent(activeSize, size), 1)));
        text.append(String.format(" %-35s: %sK / %sK / %sK%n%n", "Minimum / Average / Maximum Object",
                fixed((caches.isEmpty() ? 0 : minObj) / 1024.0, 2), fixed(avgObj / 1024, 2), fixed(maxObj / 1024.0, 2)));
        text.append(String.format("%6s %6s %4s %8s %6s %8s %10s %-23s%n", "OBJS", "ACTIVE", "USE", "OBJ SIZE", "SLABS",
                "OBJ/SLAB", "CACHE SIZE", "NAME"));
        caches.sort(Comparator.comparingLong(SlabInfo::numObjs).reversed());
        for (SlabInfo s : caches) {
            long use = s.numObjs() == 0 ? 0 : 100 * s.activeObjs() / s.numObjs();
            text.append(String.format("%6d %6d %3d%% %7sK %6d %8d %9dK %-23s%n", s.numObjs(), s.activeObjs(), use,
                    fixed(s.objSize() / 1024.0, 2), s.numSlabs(), s.objPerSlab(), s.pages() * 4, s.name()));
        }
        return text.toString();
    }

    /** {@code %.Nf} as glibc prints it: the exact binary value rounded half to even (0.125 prints 0.12). */
    private static String fixed(double value, int digits) {
        return new java.math.BigDecimal(value).setScale(digits, java.math.RoundingMode.HALF_EVEN).toPlainString();
    }

    private static double percent(double part, double whole) {
        return whole == 0 ? 0 : 100 * part / whole;
    }
}
