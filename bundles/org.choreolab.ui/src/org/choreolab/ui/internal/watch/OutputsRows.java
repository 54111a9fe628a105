package org.choreolab.ui.internal.watch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;

/**
 * The output folders among the Watch view's choices beside the ground truth: folders of motion another
 * program generated (issue #13), by the name they are scored under. Their rows follow the generators'
 * in the same table, with the id {@code outputs:NAME}, so the limit of three counts both.
 */
final class OutputsRows {

    static final String PREFIX = "outputs:";

    private final Map<String, String> dirs = new LinkedHashMap<>();

    /** Adds (or points elsewhere) the folders of {@code byName}; rows already in {@code table} keep their tick. */
    void add(Table table, Map<String, String> byName) {
        dirs.putAll(byName);
        rows(table, List.of());
    }

    /** Appends a row for each folder not in {@code table} yet, ticked when {@code ticked} names it. */
    void rows(Table table, List<String> ticked) {
        List<Object> have = java.util.Arrays.stream(table.getItems()).map(TableItem::getData).toList();
        dirs.forEach((name, dir) -> {
            if (!have.contains(PREFIX + name)) {
                TableItem it = new TableItem(table, SWT.NONE);
                it.setText(name + "  (outputs folder " + dir + ")");
                it.setData(PREFIX + name);
                it.setChecked(ticked.contains(PREFIX + name));
            }
        });
    }

    /** The folders of the ticked ids ({@code outputs:NAME}), by name, in order. */
    Map<String, String> chosen(List<String> ids) {
        Map<String, String> out = new LinkedHashMap<>();
        ids.stream().filter(id -> id.startsWith(PREFIX)).map(id -> id.substring(PREFIX.length())).filter(dirs::containsKey)
                .forEach(name -> out.put(name, dirs.get(name)));
        return out;
    }

    Map<String, String> all() {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dirs));
    }
}
