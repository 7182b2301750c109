package org.mmsim.tools.scenario;

/** What one parsed scenario line does to the machine. */
@FunctionalInterface
public interface Step {
    /**
     * Runs the line.
     *
     * @throws ScenarioException if the machine's state makes the line impossible (naming the line)
     */
    void run(Session session);
}
