package org.mmsim.tools.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventLoopTest {
    @Test
    void eventsRunAtTheirOwnTimeInTimeOrderTiesInSchedulingOrder() {
        EventLoop loop = new EventLoop();
        List<String> fired = new ArrayList<>();
        loop.schedule(300, now -> fired.add("c@" + now));
        loop.schedule(100, now -> fired.add("a@" + now));
        loop.schedule(100, now -> {
            fired.add("b@" + now);
            loop.schedule(50, later -> fired.add("d@" + later + " clock " + loop.nanos()));
        });
        loop.advance(250);
        assertEquals(List.of("a@100", "b@100", "d@150 clock 150"), fired);
        assertEquals(250, loop.nanos());
        assertEquals(1, loop.pending());
        loop.advance(50);
        assertEquals("c@300", fired.get(3));
    }

    @Test
    void jiffiesFollowHz() {
        EventLoop loop = new EventLoop();
        loop.advance(1_000_000_000L);
        assertEquals(250, loop.jiffies());
    }

    @Test
    void timeNeverRunsBackwards() {
        EventLoop loop = new EventLoop();
        assertThrows(IllegalArgumentException.class, () -> loop.advance(-1));
        assertThrows(IllegalArgumentException.class, () -> loop.schedule(-1, now -> { }));
        assertEquals(0, loop.nanos());
    }
}
