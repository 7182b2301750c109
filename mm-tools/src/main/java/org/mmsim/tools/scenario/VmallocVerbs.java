package org.mmsim.tools.scenario;

import java.util.List;
import org.mmsim.api.kalloc.Vmalloc;

/** The vmalloc verbs: {@code vmalloc VAR SIZE [zero]} and {@code vfree VAR}, as a kernel module calls them. */
final class VmallocVerbs {
    /** How /proc/vmallocinfo names a scenario's allocations: as a module's function would show. */
    static final String CALLER = "scenario_vmalloc+0x0/0x0 [scenario]";

    private VmallocVerbs() {
    }

    static List<Verb> all() {
        return List.of(
                Verb.plain("vmalloc", "vmalloc VAR SIZE [zero]",
                        "allocate virtually contiguous kernel memory (vzalloc with zero), as vmalloc() does",
                        VmallocVerbs::vmalloc),
                Verb.plain("vfree", "vfree VAR", "free a vmalloc area", VmallocVerbs::vfree));
    }

    /** A vmalloc area a scenario variable names. */
    record Area(long address, long size) {
    }

    /** {@code vmalloc VAR SIZE [zero]}. */
    private static Step vmalloc(ScenarioLine line, String usage) {
        String var = line.word(1, "VAR", usage);
        String sizeText = line.word(2, "SIZE", usage);
        boolean zero = line.words().size() > 3 && line.words().get(3).equals("zero");
        if (line.words().size() > (zero ? 4 : 3)) {
            throw line.error("unexpected '" + line.words().get(zero ? 4 : 3) + "'; expected " + usage);
        }
        long size = line.size(sizeText);
        if (size <= 0) {
            throw line.error("size " + size + "; expected 1 or more bytes");
        }
        return session -> {
            Vmalloc vmalloc = session.machine().vmalloc();
            long address = zero ? vmalloc.vzalloc(size, CALLER) : vmalloc.vmalloc(size, CALLER);
            if (address == Vmalloc.FAILED) {
                // vmalloc() returned NULL; the kernel's warning, printed after the line, says why.
                session.print(var + ": NULL");
                return;
            }
            session.bind(var, new Area(address, size));
            session.print(String.format("%s: %#x, %d pages", var, address, (size + 4095) / 4096));
        };
    }

    /** {@code vfree VAR}. */
    private static Step vfree(ScenarioLine line, String usage) {
        line.expectWords(2, usage);
        String var = line.words().get(1);
        return session -> {
            Area area = session.variables(Area.class).get(var);
            if (area == null) {
                throw line.error("no vmalloc area named '" + var + "'; expected a VAR from vmalloc");
            }
            session.machine().vmalloc().vfree(area.address());
            session.unbind(var);
        };
    }
}
