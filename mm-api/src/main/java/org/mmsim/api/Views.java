package org.mmsim.api;

/**
 * The tools a Linux user reads memory with, run on the machine as a shell would run them, with their options: each
 * returns what the real tool prints for the machine (procps' {@code free}, {@code vmstat}, {@code top}, {@code ps},
 * {@code pmap}; sysstat's {@code sar -B}; {@code slabtop -o}). A tool that samples over time ({@code vmstat 1 5},
 * {@code sar -B 1 3}, {@code top -b -n 2}) lets that simulated time pass on the machine.
 */
public interface Views {
    /** {@code free [-b|-k|-m|-g|-h] [-w]}. */
    String free(String... options);

    /** {@code vmstat [-a] [-S UNIT] [-s] [DELAY COUNT]}. */
    String vmstat(String... options);

    /** {@code top -b -n N [-d SECS] [-o FIELD]}. */
    String top(String... options);

    /** {@code ps [-e] -o FIELD,...}. */
    String ps(String... options);

    /** {@code sar -B [INTERVAL [COUNT]]}. */
    String sar(String... options);

    /** {@code pmap -x PID}. */
    String pmap(String... options);

    /** {@code slabtop -o}. */
    String slabtop();
}
