package org.example.library;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayFolderTest {
    @TempDir
    Path dir;

    @Test
    void oneRowPerTracePolicyAndCapacity() throws IOException {
        // 100 keys looped twice: at 50% (50 pages) every policy here misses all of the first pass; LRU all of both.
        StringBuilder loop = new StringBuilder();
        for (int pass = 0; pass < 2; pass++) {
            for (int k = 0; k < 100; k++) {
                loop.append(k).append('\n');
            }
        }
        Files.writeString(dir.resolve("a.txt"), loop);
        Files.writeString(dir.resolve("b.txt"), "1\n1\n1\n1\n");
        PrintStream out = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            ReplayFolder.main(new String[] {dir.toString()});
        } finally {
            System.setOut(out);
        }
        List<String> lines = printed.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("trace,policy,capacity,requests,hits,miss_ratio", lines.get(0));
        assertEquals(1 + 2 * 5 * 3, lines.size(), "two traces, five policies, three sizes");
        assertEquals("a.txt,lru,50,200,0,1.000000", lines.get(3), "LRU thrashes a loop twice its size");
        assertEquals("b.txt,lru,1,4,3,0.250000", lines.get(16), "one key: the first request is the only miss");
    }
}
