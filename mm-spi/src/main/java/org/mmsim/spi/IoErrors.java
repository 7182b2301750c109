package org.mmsim.spi;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

/**
 * What went wrong with a file, in the words of the system's error (as {@code strerror()} says it) rather than the
 * name of the exception that carried it: the part of a {@link BadInputException}'s one line after {@code PATH: }.
 */
public final class IoErrors {
    private IoErrors() {
    }

    /** {@code no such file or directory}, {@code is a directory}, {@code permission denied}, {@code not UTF-8 text}, ... */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof CharacterCodingException) {
            return "not UTF-8 text";
        }
        if (e instanceof EOFException && e.getMessage() == null) {
            return "the data ends too soon";
        }
        // A FileSystemException's message repeats the path; its reason is the system's error alone.
        String text = e instanceof FileSystemException && ((FileSystemException) e).getReason() != null
                ? ((FileSystemException) e).getReason() : e.getMessage();
        if (text == null || text.isBlank()) {
            return "an input/output error";
        }
        // "Is a directory" reads on after a colon as "is a directory"; an acronym ("XZ Stream Header ...") stays.
        boolean word = text.length() > 1 && Character.isLowerCase(text.charAt(1));
        return word ? text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1) : text;
    }
}
