/** An mmsim policy plugin: it requires only the mmsim SPI and provides one replacement policy. */
module ${package} {
    requires org.mmsim.spi;
    requires static com.google.auto.service;

    provides org.mmsim.spi.ReplacementPolicyProvider with ${package}.Lifo;
}
