package org.mmsim.trace.format;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.mmsim.spi.NearestName;

/** The trace formats mmsim reads, by the names {@code --format} takes. */
public enum TraceFormat {
    TEXT("text"),
    CSV("csv"),
    ADDRESS("address"),
    LACKEY("lackey"),
    ORACLE_GENERAL("oracle-general"),
    U32BE("u32be"),
    I32BE("i32be"),
    I64BE("i64be");

    private static final Pattern LACKEY_LINE = Pattern.compile("(==\\d+==.*|I  [0-9a-fA-F]+,\\d+|[ ][LSM] [0-9a-fA-F]+,\\d+)");
    private static final Pattern ADDRESS_LINE = Pattern.compile("[ls] 0[xX][0-9a-fA-F]+( -?\\d+)?");
    private static final Pattern TEXT_LINE = Pattern.compile("\\s*-?\\d+\\s*|\\*");

    private final String cliName;

    TraceFormat(String cliName) {
        this.cliName = cliName;
    }

    /** The name {@code --format} takes. */
    public String cliName() {
        return cliName;
    }

    /** Every name {@code --format} takes, for messages. */
    public static String names() {
        return String.join(", ", nameList());
    }

    private static List<String> nameList() {
        return Arrays.stream(values()).map(TraceFormat::cliName).toList();
    }

    /**
     * The format named {@code name}.
     *
     * @throws IllegalArgumentException for any other name
     */
    public static TraceFormat byName(String name) {
        for (TraceFormat format : values()) {
            if (format.cliName.equals(name)) {
                return format;
            }
        }
        throw new IllegalArgumentException(NearestName.unknown("trace format", name, nameList()));
    }

    /** The page size used when none is given: 4096 for lackey, 1 (keys are the addresses) for the others. */
    public long defaultPageSize() {
        return this == LACKEY ? 4096 : 1;
    }

    /**
     * The format of a trace whose decompressed content starts with {@code head}, where the content says so
     * unambiguously: the text formats have lines that only one of them matches. Raw binary records carry no marker
     * of their width, so they are never guessed.
     *
     * @throws IllegalArgumentException saying why the format cannot be told and what to give
     */
    public static TraceFormat detect(byte[] head, int length) {
        for (int i = 0; i < length; i++) {
            int b = head[i] & 0xff;
            if (b < 0x09 || (b > 0x0d && b < 0x20) || b > 0x7e) {
                throw new IllegalArgumentException("binary records, whose width the content does not tell; expected "
                        + "--format u32be, i32be, i64be or oracle-general");
            }
        }
        String text = new String(head, 0, length, java.nio.charset.StandardCharsets.US_ASCII);
        String[] lines = text.split("\r?\n", -1);
        // The last piece may be a line cut off by the end of the sample: judge only complete lines then.
        int complete = length == head.length ? lines.length - 1 : lines.length;
        TraceFormat found = null;
        for (int i = 0; i < complete; i++) {
            String line = lines[i];
            if (LACKEY_LINE.matcher(line).matches()) {
                // Lackey ignores every line that is not an access, so one lackey line decides.
                return LACKEY;
            }
            if (line.isBlank()) {
                continue;
            }
            TraceFormat format = ADDRESS_LINE.matcher(line).matches() ? ADDRESS : TEXT_LINE.matcher(line).matches() ? TEXT : null;
            if (format == null || (found != null && found != format)) {
                throw new IllegalArgumentException("cannot tell the format from line " + (i + 1) + " '"
                        + line.substring(0, Math.min(40, line.length())) + "'; expected --format " + names());
            }
            found = format;
        }
        if (found == null) {
            throw new IllegalArgumentException("no requests to tell the format from; expected --format " + names());
        }
        return found;
    }
}
