package org.mmsim.trace.format;

import java.io.IOException;

/** Reads one trace format: decodes every request of a byte stream, in order, into the sink it was made with. */
interface RecordReader {
    /**
     * Reads all records.
     *
     * @param file the name errors report
     * @throws TraceException for a record that breaks the format, naming its number
     * @throws IOException if the stream cannot be read (a corrupt or truncated compressed file)
     */
    void read(String file, ByteSource in) throws IOException;

    /** How many records were read so far: the number errors about the stream itself report. */
    long records();
}
