package org.mmsim.api.paging;

/**
 * One VMA as /proc/PID/maps and smaps show it ({@code struct vm_area_struct}), with the page figures of smaps
 * ({@code smaps_account()}): resident, proportional, shared and private clean and dirty, referenced, anonymous,
 * swapped. Sizes in bytes.
 *
 * @param start the first address
 * @param end one past the last address
 * @param flags the {@link VmFlags}
 * @param offset the file offset of {@code start}, in bytes (0 for anonymous memory)
 * @param device the file's device as {@code major:minor} ({@code 00:00} for none)
 * @param inode the file's inode (0 for none)
 * @param name the path, or {@code [heap]}, {@code [stack]}, {@code [vdso]}, or empty for anonymous memory
 * @param rss resident bytes
 * @param pss proportional set size: each page's size divided by the number of processes mapping it, in bytes
 * @param sharedClean bytes in clean pages others map too
 * @param sharedDirty bytes in dirty pages others map too
 * @param privateClean bytes in clean pages only this process maps
 * @param privateDirty bytes in dirty pages only this process maps
 * @param referenced bytes in pages whose accessed bit is set
 * @param anonymous bytes in anonymous pages
 * @param anonHugePages bytes of those in transparent huge pages
 * @param swap bytes swapped out
 * @param thpEligible whether a fault here may map a transparent huge page (THPeligible)
 */
public record VmaInfo(long start, long end, long flags, long offset, String device, long inode, String name, long rss,
                      long pss, long sharedClean, long sharedDirty, long privateClean, long privateDirty, long referenced,
                      long anonymous, long anonHugePages, long swap, boolean thpEligible) {
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
