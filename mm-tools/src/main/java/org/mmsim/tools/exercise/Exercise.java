package org.mmsim.tools.exercise;

/** A generated exercise: the question a teacher hands out, and the answer a student checks against. */
public record Exercise(String kind, long seed, String question, String answer) {
}
