package org.mmsim.api.kalloc;

/**
 * A task's I/O accounting ({@code struct task_io_accounting}, include/linux/task_io_accounting.h), as
 * {@code /proc/PID/io} shows it.
 *
 * @param rchar bytes read by read()
 * @param wchar bytes written by write()
 * @param syscr read() calls
 * @param syscw write() calls
 * @param readBytes bytes the task caused to be read from storage ({@code task_io_account_read()} in readahead)
 * @param writeBytes bytes the task dirtied in the page cache ({@code task_io_account_write()} in
 *     {@code folio_account_dirtied()})
 * @param cancelledWriteBytes dirtied bytes that were never written (truncation); always 0 here
 */
public record TaskIo(long rchar, long wchar, long syscr, long syscw, long readBytes, long writeBytes,
                     long cancelledWriteBytes) {
}
