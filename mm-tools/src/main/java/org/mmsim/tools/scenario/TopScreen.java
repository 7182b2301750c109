package org.mmsim.tools.scenario;

import java.util.List;
import org.mmsim.tools.view.Top;
import org.mmsim.tools.view.TopField;

/**
 * top on the shell's terminal: a frame redrawn in place every delay, simulated time passing by the delay from one to
 * the next, until {@code q}, Ctrl-C or the frames of {@code -n}. Between two frames it waits for a key, as top's
 * select() on its terminal does: {@code M}, {@code P}, {@code T} and {@code N} sort by %MEM, %CPU, TIME+ and PID,
 * {@code R} reverses the order, {@code 1} shows each CPU's line or all CPUs' together, and {@code f} or {@code F}
 * opens the Fields Management screen (top.c's fields_utility()) to choose the sort field: Up and Down move, {@code s}
 * sorts by the field there, {@code q} or Escape goes back. A key redraws the frame at once, without letting time pass.
 */
final class TopScreen {
    /** The highlight of the field under the cursor on the Fields Management screen. */
    private static final String REVERSE = "\033[7m";
    private static final String NORMAL = "\033[m";

    private final Tty tty;
    private final TopFrames frames;
    private final long delayNanos;
    private final long count;

    /** @param count the frames to show ({@code -n}), or {@link Reports#UNTIL_STOPPED} */
    TopScreen(Tty tty, TopFrames frames, long delayNanos, long count) {
        this.tty = tty;
        this.frames = frames;
        this.delayNanos = delayNanos;
        this.count = count;
    }

    /** Shows frames in {@code view} (which the keys change) until top ends. */
    void run(Top.View first) {
        Top.View view = first;
        TopFrames.Frame frame = frames.next(TopFrames.PRIMING_NANOS);
        long shown = 1;
        while (true) {
            tty.redraw(frame.render(view));
            int key = count != Reports.UNTIL_STOPPED && shown >= count ? 'q' : tty.key(delayNanos / 1_000_000);
            if (key == 'q' || tty.interrupted()) {
                break;
            }
            if (key == Tty.NO_KEY) {
                frame = frames.next(delayNanos);
                shown++;
            } else {
                view = command(view, key);
            }
        }
        tty.print("\n");
    }

    /** What a key does to the view. */
    private Top.View command(Top.View view, int key) {
        switch (key) {
            case 'M':
                return view.sortedBy(TopField.MEM);
            case 'P':
                return view.sortedBy(TopField.CPU);
            case 'T':
                return view.sortedBy(TopField.TIME);
            case 'N':
                return view.sortedBy(TopField.PID);
            case 'R':
                return new Top.View(view.sort(), !view.lowestFirst(), view.perCpu(), view.uid());
            case '1':
                return view.togglePerCpu();
            case 'f':
            case 'F':
                return fields(view);
            default:
                return view;
        }
    }

    /** The Fields Management screen: the cursor starts on the sort field; returns the view with the one chosen. */
    private Top.View fields(Top.View view) {
        List<TopField> all = List.of(TopField.values());
        int focus = all.indexOf(view.sort());
        Top.View chosen = view;
        while (!tty.interrupted()) {
            tty.redraw(fieldsScreen(chosen.sort(), focus));
            int key = tty.key(Long.MAX_VALUE);
            if (key == 'q' || key == Tty.ESCAPE) {
                break;
            }
            if (key == Tty.UP && focus > 0) {
                focus--;
            } else if (key == Tty.DOWN && focus + 1 < all.size()) {
                focus++;
            } else if (key == 's') {
                chosen = chosen.sortedBy(all.get(focus));
            }
        }
        return chosen;
    }

    /**
     * The screen: FIELD_header_fmt (src/top/top_nls.c) for the one window, naming the sort field, with the keys this
     * screen takes, then every field (all shown, hence {@code *}) with its description, the one under the cursor
     * highlighted.
     */
    static String fieldsScreen(TopField sort, int focus) {
        StringBuilder s = new StringBuilder("Fields Management for window 1:Def, whose current sort field is ")
                .append(sort.header()).append("\n   Navigate with Up/Dn, 's' sets sort.  Use 'q' or <Esc> to end!\n\n");
        TopField[] all = TopField.values();
        for (int i = 0; i < all.length; i++) {
            String name = String.format("%-8s", all[i].header());
            s.append("* ").append(i == focus ? REVERSE + name + NORMAL : name).append(" = ")
                    .append(all[i].description()).append('\n');
        }
        return s.toString();
    }
}
