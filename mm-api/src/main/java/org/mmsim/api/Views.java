package org.mmsim.api;

/**
 * The tools a Linux user reads memory with, run on the machine as a shell would run them, with their options: each
 * returns what the real tool prints for the machine (procps' {@code free}, {@code vmstat}, {@code top}, {@code ps},
 * {@code pmap}; sysstat's {@code sar -B}; {@code slabtop -o}). A tool that samples over time ({@code vmstat 1 5},
 * {@code sar -B 1 3}, {@code top -b -n 2}, {@code free -s 1 -c 3}) lets that simulated time pass on the machine; it
 * needs its count, as a scenario file does (only {@code ./mm shell} runs a tool until Ctrl-C).
 */
public interface Views {
    /** {@code free [-b|-k|-m|-g|-h] [-w] [-s SECS] [-c COUNT]}. */
    String free(String... options);

    /** {@code vmstat [-a] [-n] [-w] [-S UNIT] [-s] [DELAY COUNT]}. */
    String vmstat(String... options);

    /** {@code top -b -n N [-d SECS] [-o FIELD] [-p PID,...] [-u USER]}. */
    String top(String... options);

    /** {@code ps [-e] [-f | -o FIELD,...] [-p PID,...]} or {@code ps [a][u][x]}, such as {@code ps aux}. */
    String ps(String... options);

    /** {@code sar -B [INTERVAL [COUNT]]}. */
    String sar(String... options);

    /** {@code pmap -x PID}. */
    String pmap(String... options);

    /** {@code slabtop -o}. */
    String slabtop();
}
