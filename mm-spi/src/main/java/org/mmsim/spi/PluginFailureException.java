package org.mmsim.spi;

/**
 * A policy plugin broke its contract: it threw, returned null, chose a victim that is not resident (or a process
 * that is not a killable candidate), or ran away. The host stops the policy and throws this, naming it; the state
 * the host owns is left as it was before the failed call. The message is the one line a user sees: the policy, the
 * call it failed in and where (a scenario line, a request) when the host knows them, what it did, and the message of
 * what it threw (never the exception's class: its stack trace is for {@code --debug}).
 */
public final class PluginFailureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String policyName;
    private final String call;
    private final String place;
    private final String what;

    /**
     * @param policyName the name of the policy that failed
     * @param what what the policy did wrong
     * @param cause the exception the policy threw, or null; its message ends the message
     */
    public PluginFailureException(String policyName, String what, Throwable cause) {
        this(policyName, null, null, what + reason(cause), cause);
    }

    private PluginFailureException(String policyName, String call, String place, String what, Throwable cause) {
        super("policy '" + policyName + "' failed" + (call == null ? "" : " in " + call + "()")
                + (place == null ? "" : " " + place) + ": " + what, cause);
        this.policyName = policyName;
        this.call = call;
        this.place = place;
        this.what = what;
    }

    /**
     * The policy threw {@code thrown} in {@code call} ({@code onInsert}, {@code decide}, ...): an exception or an
     * error of the plugin's own, such as a {@link StackOverflowError}.
     *
     * @throws VirtualMachineError {@code thrown} itself when it is the JVM's trouble rather than the plugin's (out of
     *     memory), for the host to report as such
     */
    public static PluginFailureException threw(String policyName, String call, Throwable thrown) {
        if (thrown instanceof PluginFailureException) {
            return (PluginFailureException) thrown;
        }
        if (thrown instanceof VirtualMachineError && !(thrown instanceof StackOverflowError)) {
            throw (VirtualMachineError) thrown;
        }
        String message = thrown instanceof StackOverflowError ? "stack overflow (unbounded recursion?)"
                : thrown.getMessage() == null ? "it threw without a message" : thrown.getMessage();
        return new PluginFailureException(policyName, call, null, message, thrown);
    }

    /**
     * The policy made no progress in {@code call} for {@code seconds}, so the host stopped waiting for it.
     *
     * @param place where the simulation was ({@code at FILE:LINE}, {@code after request N}), or null
     */
    public static PluginFailureException stalled(String policyName, String call, long seconds, String place) {
        return new PluginFailureException(policyName, call, place, "no progress for " + seconds + " s", null);
    }

    /** This failure, said to have happened at {@code place} (a scenario line, {@code FILE:LINE}); itself if placed. */
    public PluginFailureException at(String place) {
        return this.place != null ? this : new PluginFailureException(policyName, call, "at " + place, what, getCause());
    }

    private static String reason(Throwable cause) {
        return cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage();
    }

    /** The name of the policy that failed. */
    public String policyName() {
        return policyName;
    }
}
