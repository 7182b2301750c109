/** Programs that use mmsim as a library, through its public doors only. */
module org.example.library {
    requires org.mmsim.trace;
    requires org.mmsim.tools;

    // MachineTour's OOM victim selector is created by the machine's Guice injector.
    opens org.example.library to com.google.guice;
}
