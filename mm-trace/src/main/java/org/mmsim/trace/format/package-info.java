/** Trace files: decompression by magic bytes, one byte-level reader per format, keys streamed to a sink. */
package org.mmsim.trace.format;
