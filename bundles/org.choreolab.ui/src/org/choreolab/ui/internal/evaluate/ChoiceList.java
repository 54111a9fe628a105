package org.choreolab.ui.internal.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.eclipse.jface.layout.TableColumnLayout;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.CheckboxTableViewer;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.ColumnWeightData;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.window.ToolTip;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;

/**
 * A titled list of components to tick (generators, metrics), growing with the view so that no name is
 * cut, with All and None; each entry's tooltip says what it is.
 */
final class ChoiceList {

    /** One entry: its id (what experiments list), its label, and a longer description. */
    record Choice(String id, String label, String detail) {
    }

    private final Group group;
    private final CheckboxTableViewer viewer;
    private final Composite buttons;
    private final List<Choice> items = new ArrayList<>();

    ChoiceList(Composite parent, String title) {
        group = new Group(parent, SWT.NONE);
        group.setText(title);
        group.setLayout(new GridLayout(1, false));
        Composite holder = new Composite(group, SWT.NONE);
        GridData hd = new GridData(SWT.FILL, SWT.FILL, true, true);
        hd.heightHint = 60;
        hd.widthHint = 120;
        holder.setLayoutData(hd);
        TableColumnLayout layout = new TableColumnLayout();
        holder.setLayout(layout);
        viewer = CheckboxTableViewer.newCheckList(holder, SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL);
        hd.heightHint = viewer.getTable().getItemHeight() * 6 + 6; // the field's six metrics without scrolling
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        TableViewerColumn c = new TableViewerColumn(viewer, SWT.LEFT);
        c.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object e) {
                return ((Choice) e).label();
            }

            @Override
            public String getToolTipText(Object e) {
                String d = ((Choice) e).detail();
                return d == null || d.isBlank() ? null : d;
            }

            @Override
            public Point getToolTipShift(Object object) {
                return new Point(12, 22); // below the pointer: the entry stays readable
            }
        });
        layout.setColumnData(c.getColumn(), new ColumnWeightData(100, 100));
        ColumnViewerToolTipSupport.enableFor(viewer, ToolTip.NO_RECREATE);
        buttons = new Composite(group, SWT.NONE);
        buttons.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        buttons.setLayout(new GridLayout(3, false));
        button("All", () -> viewer.setAllChecked(true));
        button("None", () -> viewer.setAllChecked(false));
    }

    Button button(String text, Runnable action) {
        Button b = new Button(buttons, SWT.PUSH);
        b.setText(text);
        b.addListener(SWT.Selection, e -> action.run());
        ((GridLayout) buttons.getLayout()).numColumns = buttons.getChildren().length;
        return b;
    }

    Group control() {
        return group;
    }

    /** Replaces the entries; those whose id passes {@code checked} are ticked. */
    void items(List<Choice> choices, Predicate<String> checked) {
        items.clear();
        items.addAll(choices);
        viewer.setInput(items.toArray());
        check(checked);
    }

    void add(Choice c, boolean checked) {
        items.add(c);
        viewer.setInput(items.toArray());
        viewer.setChecked(c, checked);
    }

    void check(Predicate<String> checked) {
        for (Choice c : items) {
            viewer.setChecked(c, checked.test(c.id()));
        }
    }

    /** The ids ticked, in the list's order. */
    List<String> checked() {
        return items.stream().filter(viewer::getChecked).map(Choice::id).toList();
    }

    List<Choice> items() {
        return List.copyOf(items);
    }
}
