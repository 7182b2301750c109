package org.mmsim.tools.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;

/** mmsim's version, from the build, and the kernel it models. */
public final class Version implements CommandLine.IVersionProvider {
    /** The Linux release mmsim's formats and formulas follow. */
    public static final String KERNEL = "6.18";

    /** The build's version, such as {@code 0.1.0}. */
    public static String number() {
        try (InputStream in = Version.class.getResourceAsStream("/org/mmsim/tools/version.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"mmsim " + number() + " (models Linux " + KERNEL + ", Java " + Runtime.version().feature() + ")"};
    }
}
