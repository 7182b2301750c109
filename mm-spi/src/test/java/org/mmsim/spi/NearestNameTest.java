package org.mmsim.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NearestNameTest {
    private static final List<String> VERBS = List.of("brk", "exec", "exit", "fork", "free", "malloc", "mmap", "munmap",
            "read", "stop", "touch", "write");

    @Test
    void aTranspositionIsOneEdit() {
        assertEquals(1, NearestName.distance("touhc", "touch"));
        assertEquals(3, NearestName.distance("ca", "abc"), "optimal string alignment edits no substring twice");
        assertEquals(3, NearestName.distance("", "abc"));
        assertEquals(0, NearestName.distance("lru", "lru"));
    }

    @Test
    void typosFindTheirNameAndStrangersNone() {
        assertEquals(Optional.of("touch"), NearestName.of("touhc", VERBS));
        assertEquals(Optional.of("malloc"), NearestName.of("MALOC", VERBS), "case is ignored");
        assertEquals(Optional.of("fork"), NearestName.of("frok", VERBS));
        assertEquals(Optional.empty(), NearestName.of("nope", List.of("lru", "opt", "arc", "2q")));
        assertEquals(Optional.empty(), NearestName.of("x", List.of("xy")), "a single letter suggests nothing longer");
        assertEquals(Optional.of("exec"), NearestName.of("exce", VERBS), "ties go to the name met first");
        assertEquals(Optional.empty(), NearestName.of("/proc/cpuinfo", List.of("/proc/meminfo", "/proc/vmstat")),
                "another word where they differ is no typo");
        assertEquals(Optional.of("vm.swappiness"), NearestName.of("vm.swpainess", List.of("vm.swappiness")),
                "two slips in a long name still are");
    }

    @Test
    void theMessageHintsTheNearestNameOrListsThemAll() {
        assertEquals("unknown trace format 'txt'; did you mean 'text'?",
                NearestName.unknown("trace format", "txt", List.of("text", "csv")));
        assertEquals("unknown policy 'zzz'; expected one of lru, arc", NearestName.unknown("policy", "zzz", List.of("lru", "arc")));
        assertEquals("", NearestName.hint("zzz", VERBS));
    }
}
