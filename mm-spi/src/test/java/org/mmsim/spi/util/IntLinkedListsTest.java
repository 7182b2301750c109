package org.mmsim.spi.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.state.Action;
import net.jqwik.api.state.ActionChain;
import net.jqwik.api.state.Transformer;
import org.junit.jupiter.api.Test;

/** The lists behave like three {@link LinkedList}s of distinct nodes under any chain of operations. */
class IntLinkedListsTest {
    private static final int NODES = 12;
    private static final int LISTS = 3;

    static final class Both {
        final IntLinkedLists lists = new IntLinkedLists(NODES, LISTS);
        final List<LinkedList<Integer>> model = new ArrayList<>();

        Both() {
            for (int l = 0; l < LISTS; l++) {
                model.add(new LinkedList<>());
            }
        }

        int owner(int node) {
            for (int l = 0; l < LISTS; l++) {
                if (model.get(l).contains(node)) {
                    return l;
                }
            }
            return IntLinkedLists.NIL;
        }

        List<Integer> walk(int list) {
            List<Integer> nodes = new ArrayList<>();
            for (int n = lists.first(list); n != IntLinkedLists.NIL; n = lists.next(n)) {
                nodes.add(n);
            }
            return nodes;
        }

        List<Integer> walkBack(int list) {
            List<Integer> nodes = new ArrayList<>();
            for (int n = lists.last(list); n != IntLinkedLists.NIL; n = lists.prev(n)) {
                nodes.add(0, n);
            }
            return nodes;
        }
    }

    @Provide
    Arbitrary<ActionChain<Both>> chains() {
        Arbitrary<Integer> nodes = Arbitraries.integers().between(0, NODES - 1);
        Arbitrary<Integer> lists = Arbitraries.integers().between(0, LISTS - 1);
        Action.Independent<Both> addFirst = () -> nodes.flatMap(n -> lists.map(l -> Transformer.mutate("addFirst " + l + " " + n, b -> {
            if (b.owner(n) == IntLinkedLists.NIL) {
                b.lists.addFirst(l, n);
                b.model.get(l).addFirst(n);
            }
        })));
        Action.Independent<Both> addLast = () -> nodes.flatMap(n -> lists.map(l -> Transformer.mutate("addLast " + l + " " + n, b -> {
            if (b.owner(n) == IntLinkedLists.NIL) {
                b.lists.addLast(l, n);
                b.model.get(l).addLast(n);
            }
        })));
        Action.Independent<Both> moveToFirst = () -> nodes.flatMap(n -> lists.map(l -> Transformer.mutate("moveToFirst " + l + " " + n, b -> {
            int owner = b.owner(n);
            if (owner != IntLinkedLists.NIL) {
                b.lists.moveToFirst(l, n);
                b.model.get(owner).remove(n);
                b.model.get(l).addFirst(n);
            }
        })));
        Action.Independent<Both> insertAfter = () -> nodes.flatMap(anchor -> nodes.map(n -> Transformer.mutate("addAfter " + anchor + " " + n, b -> {
            int owner = b.owner(anchor);
            if (owner != IntLinkedLists.NIL && b.owner(n) == IntLinkedLists.NIL) {
                b.lists.addAfter(anchor, n);
                LinkedList<Integer> list = b.model.get(owner);
                list.add(list.indexOf(anchor) + 1, n);
            }
        })));
        Action.Independent<Both> removeLast = () -> lists.map(l -> Transformer.mutate("removeLast " + l, b ->
                assertEquals(b.model.get(l).isEmpty() ? IntLinkedLists.NIL : b.model.get(l).removeLast(), b.lists.removeLast(l))));
        Action.Independent<Both> remove = () -> nodes.map(n -> Transformer.mutate("remove " + n, b -> {
            int owner = b.owner(n);
            if (owner != IntLinkedLists.NIL) {
                b.lists.remove(n);
                b.model.get(owner).remove(n);
            }
        }));
        return ActionChain.startWith(Both::new).withAction(addFirst).withAction(addLast).withAction(moveToFirst)
                .withAction(insertAfter).withAction(removeLast).withAction(remove).withMaxTransformations(100);
    }

    @Property(tries = 200)
    void behavesLikeLinkedLists(@ForAll("chains") ActionChain<Both> chain) {
        chain.withInvariant("same lists both ways, sizes and owners", b -> {
            for (int l = 0; l < LISTS; l++) {
                assertEquals(b.model.get(l), b.walk(l));
                assertEquals(b.model.get(l), b.walkBack(l));
                assertEquals(b.model.get(l).size(), b.lists.size(l));
            }
            for (int n = 0; n < NODES; n++) {
                assertEquals(b.owner(n), b.lists.listOf(n));
            }
        }).run();
    }

    @Test
    void linkingALinkedNodeIsRefusedAndChangesNothing() {
        IntLinkedLists lists = new IntLinkedLists(4, 2);
        lists.addLast(0, 1);
        assertThrows(IllegalStateException.class, () -> lists.addLast(1, 1));
        assertEquals(0, lists.listOf(1));
        assertEquals(0, lists.size(1));
        assertThrows(IllegalStateException.class, () -> lists.remove(2));
    }
}
