package org.mmsim.tools.cli;

/** The tests run inside org.mmsim.tools, which needs no XML itself: a test that parses SVG reads java.xml on its own. */
final class XmlReads {
    private XmlReads() {
    }

    static void readsXml() {
        XmlReads.class.getModule().addReads(ModuleLayer.boot().findModule("java.xml").orElseThrow());
    }
}
