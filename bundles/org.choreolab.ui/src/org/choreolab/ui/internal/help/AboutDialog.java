package org.choreolab.ui.internal.help;

import java.util.List;

import org.choreolab.core.ComponentRegistry;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TabFolder;
import org.eclipse.swt.widgets.TabItem;

/** Help › About Choreolab: versions of Choreolab, the platform, the engines, and a table of every installed bundle; Copy puts it all on the clipboard. */
final class AboutDialog extends Dialog {

    private static final int COPY = IDialogConstants.CLIENT_ID + 1;
    private final ComponentRegistry registry;
    private TabFolder tabs;

    AboutDialog(Shell parent, ComponentRegistry registry) {
        super(parent);
        this.registry = registry;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("About Choreolab");
    }

    @Override
    protected boolean isResizable() {
        return true;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite c = (Composite) super.createDialogArea(parent);
        Label title = new Label(c, SWT.WRAP);
        title.setText("Choreolab " + AboutInfo.version() + "\nCompose and compare music-to-dance generators on the same data, with faithful metrics.");
        tabs = new TabFolder(c, SWT.TOP);
        GridData d = new GridData(SWT.FILL, SWT.FILL, true, true);
        d.widthHint = 620;
        d.heightHint = 360;
        tabs.setLayoutData(d);
        tab("Platform", List.of("Component", "Version"), AboutInfo.platform());
        List<String[]> engines = AboutInfo.engines(registry);
        tab("Engines", List.of("Engine", "Native version"), engines.isEmpty() ? List.<String[]>of(new String[] {"none installed", ""}) : engines);
        tab("Bundles (" + AboutInfo.bundles().size() + ")", List.of("Bundle", "Version", "State"),
                AboutInfo.bundles().stream().map(b -> new String[] {b.name(), b.version(), b.state()}).toList());
        return c;
    }

    private void tab(String name, List<String> columns, List<String[]> rows) {
        TabItem item = new TabItem(tabs, SWT.NONE);
        item.setText(name);
        Composite holder = new Composite(tabs, SWT.NONE);
        holder.setLayout(new GridLayout(1, false));
        TableViewer v = new TableViewer(holder, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        v.getTable().setHeaderVisible(true);
        v.getTable().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        v.setContentProvider(ArrayContentProvider.getInstance());
        for (int i = 0; i < columns.size(); i++) {
            int col = i;
            TableViewerColumn c = new TableViewerColumn(v, SWT.LEFT);
            c.getColumn().setText(columns.get(i));
            c.setLabelProvider(new ColumnLabelProvider() {
                @Override
                public String getText(Object e) {
                    String[] r = (String[]) e;
                    return col < r.length ? r[col] : "";
                }
            });
        }
        v.setInput(rows.toArray());
        for (var c : v.getTable().getColumns()) {
            c.pack();
        }
        item.setControl(holder);
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, COPY, "Copy", false);
        createButton(parent, IDialogConstants.OK_ID, IDialogConstants.CLOSE_LABEL, true);
    }

    @Override
    protected void buttonPressed(int id) {
        if (id == COPY) {
            Clipboard c = new Clipboard(getShell().getDisplay());
            c.setContents(new Object[] {AboutInfo.text(registry)}, new Transfer[] {TextTransfer.getInstance()});
            c.dispose();
        } else {
            super.buttonPressed(id);
        }
    }

    /** The tabs' names (for tests). */
    List<String> tabs() {
        return java.util.Arrays.stream(tabs.getItems()).map(TabItem::getText).toList();
    }
}
