package org.choreolab.ui.internal.help;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small Markdown renderer for the Help view's StyledText (a Browser widget may not work under Xvfb or
 * without WebKit): headings, paragraphs, lists, code blocks and spans, bold, italic, links and tables,
 * as plain text with style runs. Wide tables (long cells) become a term and its description, narrow
 * ones an aligned grid.
 */
final class Markdown {

    enum Kind { H1, H2, H3, BOLD, ITALIC, CODE, LINK }

    /** A styled run of the text: [start, start + length) in {@link Rendered#text}; {@code target} for links. */
    record Run(int start, int length, Kind kind, String target) {
    }

    /** The text, its runs, the lines to indent (line index → indent), the headings' offsets by anchor. */
    record Rendered(String text, List<Run> runs, List<int[]> indents, java.util.Map<String, Integer> anchors) {
    }

    private static final Pattern INLINE = Pattern.compile(
            "`([^`]+)`|\\*\\*([^*]+)\\*\\*|(?<![\\w*])\\*(?! )([^*]+?)(?<! )\\*(?![\\w*])|!?\\[([^\\]]+)\\]\\(([^)\\s]+)\\)");

    private final StringBuilder out = new StringBuilder();
    private final List<Run> runs = new ArrayList<>();
    private final List<int[]> indents = new ArrayList<>();
    private final java.util.Map<String, Integer> anchors = new java.util.LinkedHashMap<>();

    private Markdown() {
    }

    static Rendered render(String md) {
        Markdown m = new Markdown();
        m.blocks(md.replace("\r", "").split("\n", -1));
        return new Rendered(m.out.toString(), List.copyOf(m.runs), List.copyOf(m.indents), m.anchors);
    }

    private void blocks(String[] lines) {
        StringBuilder para = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String t = line.strip();
            if (t.startsWith("```")) {
                flush(para);
                int start = out.length();
                for (i++; i < lines.length && !lines[i].strip().startsWith("```"); i++) {
                    out.append("    ").append(lines[i]).append('\n');
                }
                runs.add(new Run(start, out.length() - start, Kind.CODE, null));
                out.append('\n');
            } else if (t.startsWith("#")) {
                flush(para);
                int level = (int) t.chars().takeWhile(c -> c == '#').count();
                String title = t.substring(level).strip();
                anchors.put(anchor(title), out.length());
                int start = out.length();
                inline(title);
                runs.add(new Run(start, out.length() - start, level == 1 ? Kind.H1 : level == 2 ? Kind.H2 : Kind.H3, null));
                out.append("\n\n");
            } else if (t.startsWith("|")) {
                flush(para);
                List<String[]> rows = new ArrayList<>();
                for (; i < lines.length && lines[i].strip().startsWith("|"); i++) {
                    String[] cells = cells(lines[i].strip());
                    if (!String.join("", cells).matches("[\\s:\\-]*")) {
                        rows.add(cells);
                    }
                }
                i--;
                Tables.render(this, rows);
                out.append('\n');
            } else if (t.matches("([-*+]|\\d+[.)])\\s+.*")) {
                flush(para);
                int depth = (line.length() - line.stripLeading().length()) / 2;
                String marker = t.matches("\\d+[.)]\\s+.*") ? t.substring(0, t.indexOf(' ')) : "•";
                StringBuilder item = new StringBuilder(t.substring(t.indexOf(' ') + 1).strip());
                while (i + 1 < lines.length && !lines[i + 1].isBlank() && lines[i + 1].startsWith("  ")
                        && !lines[i + 1].strip().matches("([-*+]|\\d+[.)])\\s+.*")) {
                    item.append(' ').append(lines[++i].strip());
                }
                indents.add(new int[] {lineCount(), 16 + 20 * depth});
                out.append(marker).append(' ');
                inline(item.toString());
                out.append('\n');
                if (i + 1 < lines.length && lines[i + 1].isBlank()) {
                    out.append('\n');
                    i++;
                }
            } else if (t.isEmpty()) {
                flush(para);
            } else {
                para.append(para.isEmpty() ? "" : " ").append(t);
            }
        }
        flush(para);
    }

    private void flush(StringBuilder para) {
        if (!para.isEmpty()) {
            inline(para.toString());
            out.append("\n\n");
            para.setLength(0);
        }
    }

    /** Appends {@code s} with its inline markup turned into runs. */
    void inline(String s) {
        Matcher m = INLINE.matcher(s);
        int at = 0;
        while (m.find()) {
            out.append(s, at, m.start());
            int start = out.length();
            if (m.group(1) != null) {
                out.append(m.group(1));
                runs.add(new Run(start, m.group(1).length(), Kind.CODE, null));
            } else if (m.group(2) != null) {
                inline(m.group(2));
                runs.add(new Run(start, out.length() - start, Kind.BOLD, null));
            } else if (m.group(3) != null) {
                inline(m.group(3));
                runs.add(new Run(start, out.length() - start, Kind.ITALIC, null));
            } else if (m.group(0).startsWith("!")) {
                out.append("[picture: ").append(m.group(4)).append(']');
            } else {
                inline(m.group(4));
                runs.add(new Run(start, out.length() - start, Kind.LINK, m.group(5)));
            }
            at = m.end();
        }
        out.append(s, at, s.length());
    }

    StringBuilder out() {
        return out;
    }

    void run(int start, Kind kind) {
        runs.add(new Run(start, out.length() - start, kind, null));
    }

    void indent(int pixels) {
        indents.add(new int[] {lineCount(), pixels});
    }

    private int lineCount() {
        return (int) out.chars().filter(c -> c == '\n').count();
    }

    private static String[] cells(String row) {
        String r = row.strip();
        r = r.substring(1, r.endsWith("|") && r.length() > 1 ? r.length() - 1 : r.length());
        // a '|' inside code (`a\|b`) is escaped in the source
        String[] c = r.split("(?<!\\\\)\\|", -1);
        for (int k = 0; k < c.length; k++) {
            c[k] = c[k].strip().replace("\\|", "|");
        }
        return c;
    }

    /** GitHub's anchor of a heading: lower case, spaces to '-', punctuation dropped. */
    static String anchor(String title) {
        return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[`*]", "").replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }
}
