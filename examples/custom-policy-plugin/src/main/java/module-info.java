/** An example mmsim plugin: it requires only the mmsim SPI and provides one replacement policy. */
module org.example.mru {
    requires org.mmsim.spi;
    requires static com.google.auto.service;

    provides org.mmsim.spi.ReplacementPolicyProvider with org.example.mru.Mru;
}
