package org.mmsim.reclaim.oom;

import java.util.ArrayList;
import java.util.List;
import org.mmsim.api.KernelLog;
import org.mmsim.api.physical.Gfp;

/**
 * The stack dump that opens the OOM killer's report ({@code dump_header()} calls {@code dump_stack()}, which prints
 * {@code dump_stack_print_info()}'s header, then {@code show_stack()}'s {@code Call Trace:} between {@code <TASK>} and
 * {@code </TASK>}), for the path an allocation takes into the killer. A user page's allocation (movable, highmem) comes
 * from an anonymous page fault; any other from a system call. Frames are printed {@code %pS}-style, symbol+offset/size
 * (lib/dump_stack.c, arch/x86/kernel/dumpstack.c), as the simulated kernel's own build has them: the sizes are a real
 * 6.18.44 x86-64 build's symbol table's, and so are the offsets of the frames a memory-cgroup OOM on that build shows
 * (dump_stack_lvl to out_of_memory, and the fault path from __handle_mm_fault out); the page allocator's and the
 * system call's frames, which only a global OOM shows, have offsets chosen inside those functions.
 */
final class OomCallTrace {
    /** The fault path's frames below the page allocator, innermost first. */
    private static final String[] FAULT = {
        "alloc_pages_mpol+0xb2/0x180",
        "folio_alloc_mpol_noprof+0x14/0x40",
        "vma_alloc_folio_noprof+0x6c/0xe0",
        "do_anonymous_page+0x1e8/0xaa0",
        "__handle_mm_fault+0xa6c/0xfb0",
        "handle_mm_fault+0xd3/0x340",
        "exc_page_fault+0x176/0x770",
        "asm_exc_page_fault+0x22/0x30",
    };
    /** A system call's frames below the page allocator, innermost first. */
    private static final String[] SYSCALL = {
        "alloc_pages_mpol+0xb2/0x180",
        "alloc_pages_noprof+0x5b/0xa0",
        "do_syscall_64+0x82/0x290",
        "entry_SYSCALL_64_after_hwframe+0x76/0x7e",
    };
    /** From {@code dump_stack()} down to the page allocator's slow path, innermost first. */
    private static final String[] OOM = {
        "dump_stack_lvl+0x59/0x90",
        "dump_header+0x43/0x1c0",
        "oom_kill_process.cold+0x8/0x8a",
        "out_of_memory+0xf3/0x340",
        "__alloc_pages_may_oom+0x10c/0x220",
        "__alloc_frozen_pages_noprof+0x7c4/0x1010",
    };

    private OomCallTrace() {
    }

    /**
     * The lines of {@code dump_stack()} on {@code cpu} for the task {@code pid} ({@code comm}, {@code uid}) whose
     * allocation with {@code gfp} invoked the killer: the header, the hardware's name, and the call trace, through
     * {@code oom_kill_process()} if {@code killing}, else straight from {@code out_of_memory()} (its panics).
     */
    static List<String> of(int cpu, int uid, int pid, String comm, int gfp, boolean killing) {
        List<String> lines = new ArrayList<>();
        // dump_stack_print_info(): an untainted kernel, voluntary preemption (a distribution kernel's PREEMPT_DYNAMIC
        // default); the machine is the PC the memory map models, as QEMU's i440FX board presents it to DMI.
        lines.add(String.format("CPU: %d UID: %d PID: %d Comm: %s Not tainted %s #1 PREEMPT(voluntary) ", cpu, uid, pid,
                comm, KernelLog.UTS_RELEASE));
        lines.add("Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.16.3-debian-1.16.3-2 04/01/2014");
        lines.add("Call Trace:");
        lines.add(" <TASK>");
        for (String frame : OOM) {
            if (killing || !frame.startsWith("oom_kill_process")) {
                lines.add(" " + frame);
            }
        }
        boolean userPage = (gfp & (Gfp.__GFP_MOVABLE | Gfp.__GFP_HIGHMEM)) == (Gfp.__GFP_MOVABLE | Gfp.__GFP_HIGHMEM);
        for (String frame : userPage && pid != 0 ? FAULT : SYSCALL) {
            lines.add(" " + frame);
        }
        lines.add(" </TASK>");
        return lines;
    }
}
