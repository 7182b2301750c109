package org.example.library;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.mmsim.trace.Replay;
import org.mmsim.trace.Trace;
import org.mmsim.trace.replay.ReplayResult;

/** Replays every trace in a folder under five policies at three cache sizes and prints one CSV row per result. */
public final class ReplayFolder {
    /** Replays the traces of the folder {@code args[0]} and prints the CSV on standard output. */
    public static void main(String[] args) throws IOException {
        System.out.println("trace,policy,capacity,requests,hits,miss_ratio");
        try (Stream<Path> files = Files.list(Path.of(args[0])).filter(Files::isRegularFile).sorted()) {
            for (Path file : (Iterable<Path>) files::iterator) {
                for (ReplayResult r : Replay.of(Trace.open(file)).policies("lru", "fifo", "clock", "arc", "lirs")
                        .capacities("1%", "10%", "50%").run().results()) {
                    System.out.printf("%s,%s,%d,%d,%d,%.6f%n", file.getFileName(), r.policy(), r.capacity(),
                            r.requests(), r.hits(), r.missRatio());
                }
            }
        }
    }
}
