package org.mmsim.tools.scenario;

/** A process verb whose name, form and summary are fixed strings: what every one but its parsing shares. */
abstract class SimpleProcessVerb implements ProcessVerb {
    final String name;
    final String usage;
    final String summary;

    SimpleProcessVerb(String name, String usage, String summary) {
        this.name = name;
        this.usage = usage;
        this.summary = summary;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String usage() {
        return usage;
    }

    @Override
    public String summary() {
        return summary;
    }
}
