package org.mmsim.api.paging;

/**
 * One VMA as /proc/PID/maps and smaps show it ({@code struct vm_area_struct}), with the page figures of smaps.
 *
 * @param start the first address
 * @param end one past the last address
 * @param flags the {@link VmFlags}
 * @param offset the file offset of {@code start}, in bytes (0 for anonymous memory)
 * @param device the file's device as {@code major:minor} ({@code 00:00} for none)
 * @param inode the file's inode (0 for none)
 * @param name the path, or {@code [heap]}, {@code [stack]}, {@code [vdso]}, or empty for anonymous memory
 * @param smaps the page figures of smaps
 * @param thpEligible whether a fault here may map a transparent huge page (THPeligible)
 * @param pageSize the size of the pages that map it, in bytes (KernelPageSize and MMUPageSize: 4096, or a
 *     hugetlbfs mapping's huge page size)
 */
public record VmaInfo(long start, long end, long flags, long offset, String device, long inode, String name,
                      MemSizeStats smaps, boolean thpEligible, long pageSize) {
    /** The size in bytes. */
    public long size() {
        return end - start;
    }

    /** The {@code rwxp} column of /proc/PID/maps. */
    public String perms() {
        return ((flags & VmFlags.VM_READ) != 0 ? "r" : "-") + ((flags & VmFlags.VM_WRITE) != 0 ? "w" : "-")
                + ((flags & VmFlags.VM_EXEC) != 0 ? "x" : "-") + ((flags & VmFlags.VM_MAYSHARE) != 0 ? "s" : "p");
    }
}
