package org.mmsim.spi;

/**
 * A policy plugin broke its contract: it threw, returned null, chose a victim that is not resident (or a process
 * that is not a killable candidate), or ran away. The host stops the policy and throws this, naming it; the state
 * the host owns is left as it was before the failed call. The message is the one line a user sees: the policy, what
 * it did, and the message of what it threw (never the exception's class: its stack trace is for {@code --debug}).
 */
public final class PluginFailureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String policyName;

    /**
     * @param policyName the name of the policy that failed
     * @param what what the policy did wrong
     * @param cause the exception the policy threw, or null; its message ends the message
     */
    public PluginFailureException(String policyName, String what, Throwable cause) {
        super("policy '" + policyName + "' failed: " + what
                + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
        this.policyName = policyName;
    }

    /** The name of the policy that failed. */
    public String policyName() {
        return policyName;
    }
}
