/** The {@code ./mm} command line: one picocli command class per subcommand. */
package org.mmsim.tools.cli;
