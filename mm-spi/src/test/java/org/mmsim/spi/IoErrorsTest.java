package org.mmsim.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class IoErrorsTest {
    @Test
    void theReasonIsTheSystemsWordsNotTheExceptionsName() {
        assertEquals("no such file or directory", IoErrors.reason(new NoSuchFileException("/x/y")));
        assertEquals("permission denied", IoErrors.reason(new AccessDeniedException("/x")));
        assertEquals("not UTF-8 text", IoErrors.reason(new MalformedInputException(1)));
        assertEquals("the data ends too soon", IoErrors.reason(new EOFException()));
        assertEquals("is a directory", IoErrors.reason(new IOException("Is a directory")));
        assertEquals("is a directory", IoErrors.reason(new FileSystemException("/x", null, "Is a directory")));
        assertEquals("XZ Stream Header is corrupt", IoErrors.reason(new IOException("XZ Stream Header is corrupt")));
        assertEquals("an input/output error", IoErrors.reason(new IOException()));
    }
}
