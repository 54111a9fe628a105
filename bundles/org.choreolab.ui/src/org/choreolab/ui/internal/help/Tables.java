package org.choreolab.ui.internal.help;

import java.util.List;

/**
 * Markdown tables in plain text: a narrow table as an aligned grid in monospace, a table with long
 * cells (the README's commands, a description per row) as each row's first cell in bold and the
 * others under it, indented, where the text wraps with the view.
 */
final class Tables {

    private static final int GRID_CELL = 28;

    private Tables() {
    }

    static void render(Markdown m, List<String[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        boolean grid = rows.stream().allMatch(r -> java.util.Arrays.stream(r).allMatch(c -> plain(c).length() <= GRID_CELL));
        if (grid) {
            grid(m, rows);
        } else {
            terms(m, rows);
        }
    }

    private static void grid(Markdown m, List<String[]> rows) {
        int cols = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] w = new int[cols];
        for (String[] r : rows) {
            for (int c = 0; c < r.length; c++) {
                w[c] = Math.max(w[c], plain(r[c]).length());
            }
        }
        int start = m.out().length();
        for (int k = 0; k < rows.size(); k++) {
            String[] r = rows.get(k);
            StringBuilder line = new StringBuilder("  ");
            for (int c = 0; c < cols; c++) {
                String cell = c < r.length ? plain(r[c]) : "";
                line.append(cell).append(" ".repeat(w[c] - cell.length() + 3));
            }
            int lineStart = m.out().length();
            m.out().append(line.toString().stripTrailing()).append('\n');
            if (k == 0) {
                m.run(lineStart, Markdown.Kind.BOLD);
            }
        }
        m.run(start, Markdown.Kind.CODE);
    }

    private static void terms(Markdown m, List<String[]> rows) {
        String[] header = rows.get(0);
        for (int k = 1; k < rows.size(); k++) {
            String[] r = rows.get(k);
            int start = m.out().length();
            m.inline(r[0]);
            m.run(start, Markdown.Kind.BOLD);
            m.out().append('\n');
            for (int c = 1; c < r.length; c++) {
                if (r[c].isBlank()) {
                    continue;
                }
                m.indent(24);
                if (r.length > 2 && c < header.length) {
                    int h = m.out().length();
                    m.out().append(plain(header[c])).append(": ");
                    m.run(h, Markdown.Kind.ITALIC);
                }
                m.inline(r[c]);
                m.out().append('\n');
            }
            m.out().append('\n');
        }
    }

    /** A cell without its inline markup (for widths and the grid). */
    static String plain(String cell) {
        return cell.replaceAll("!?\\[([^\\]]+)\\]\\([^)]*\\)", "$1").replace("`", "").replace("**", "").strip();
    }
}
