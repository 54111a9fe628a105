package org.choreolab.ui.internal.help;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.commands.MBindingTable;
import org.eclipse.e4.ui.model.application.commands.MCommand;
import org.eclipse.e4.ui.model.application.commands.MKeyBinding;
import org.osgi.framework.FrameworkUtil;

/**
 * The documents of the Help view: the repository's Markdown, copied into the bundle's {@code help/} at
 * build time, and "Commands and keys", written from the application model itself (its commands and key
 * bindings) so that it cannot disagree with the menus.
 */
final class Docs {

    static final String COMMANDS = "commands";

    /** Document id → title, in the order the view lists them. */
    static final Map<String, String> TITLES = new LinkedHashMap<>();

    static {
        TITLES.put("README.md", "Overview and command line");
        TITLES.put("METRICS.md", "Metrics and protocols");
        TITLES.put("EXTENDING.md", "Extending Choreolab");
        TITLES.put("ARCHITECTURE.md", "Architecture");
        TITLES.put(COMMANDS, "Commands and keys");
    }

    private Docs() {
    }

    /** The Markdown of a document; a line saying it is missing when the bundle lacks it. */
    static String markdown(String id, MApplication app) {
        if (COMMANDS.equals(id)) {
            return commands(app);
        }
        URL entry = FrameworkUtil.getBundle(Docs.class).getEntry("help/" + id);
        if (entry == null) {
            return "# " + TITLES.getOrDefault(id, id) + "\n\nThis build has no help/" + id + " (the bundle's build copies it from docs/).";
        }
        try (InputStream in = entry.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "# " + id + "\n\nCannot read help/" + id + ": " + e.getMessage();
        }
    }

    /** Every command of the model with its key binding, and the Watch view's keys. */
    static String commands(MApplication app) {
        StringBuilder b = new StringBuilder("# Commands and keys\n\nEvery command of the workbench, as its menus offer it.\n\n"
                + "| Command | Keys | What it does |\n|---|---|---|\n");
        Map<MCommand, List<String>> keys = new LinkedHashMap<>();
        if (app != null) {
            for (MBindingTable t : app.getBindingTables()) {
                for (MKeyBinding k : t.getBindings()) {
                    keys.computeIfAbsent(k.getCommand(), c -> new ArrayList<>()).add(keys(k.getKeySequence()));
                }
            }
            for (MCommand c : app.getCommands()) {
                b.append("| ").append(c.getCommandName()).append(" | ").append(String.join(", ", keys.getOrDefault(c, List.of())))
                        .append(" | ").append(c.getDescription() == null ? "" : c.getDescription()).append(" |\n");
            }
        }
        b.append("\n## In the Watch view\n\nWith the stage focused (click it):\n\n"
                + "| Key | Action |\n|---|---|\n| Space | play, pause |\n| ← / → | one frame back, on |\n"
                + "| Shift+← / Shift+→ | ten frames |\n| Home | the start |\n| L | loop on, off |\n"
                + "| drag | orbit the camera |\n| wheel | zoom |\n");
        b.append("\n## Elsewhere\n\n- Double-click a generator in the Evaluate view's table: its sequences in the Sequences view.\n"
                + "- Double-click a sequence in the Sequences view: it dances in the Watch view.\n"
                + "- Double-click a view's tab: maximize it (again: restore). Drag a tab to move the view.\n");
        return b.toString();
    }

    /** "M1+R" as this platform writes it: "Ctrl+R". */
    static String keys(String sequence) {
        String s = sequence;
        boolean mac = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac");
        s = s.replace("M1+", mac ? "Cmd+" : "Ctrl+").replace("M2+", "Shift+").replace("M3+", mac ? "Option+" : "Alt+")
                .replace("M4+", "Ctrl+");
        return s;
    }
}
