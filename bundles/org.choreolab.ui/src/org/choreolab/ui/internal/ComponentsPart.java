package org.choreolab.ui.internal;

import java.util.List;

import org.choreolab.core.ComponentInfo;
import org.choreolab.core.ComponentRegistry;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.layout.TableColumnLayout;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnWeightData;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.TableItem;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * The Components view: every installed component by kind, with its id, name and bundle. It follows
 * the registry, so bundles started or stopped while the workbench runs appear and vanish at once.
 */
public final class ComponentsPart {

    static final String[] COLUMNS = {"Kind", "Id", "Name", "Bundle", "Version"};

    @Inject
    private UISynchronize ui;
    private ComponentRegistry registry;
    private TableViewer viewer;
    private Label status;
    private final Runnable onChange = this::scheduleRefresh;

    @PostConstruct
    public void create(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        status = new Label(parent, SWT.NONE);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Composite holder = new Composite(parent, SWT.NONE);
        holder.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        TableColumnLayout columns = new TableColumnLayout();
        holder.setLayout(columns);
        viewer = new TableViewer(holder, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        int[] weights = {14, 16, 24, 30, 16};
        for (int i = 0; i < COLUMNS.length; i++) {
            int col = i;
            TableViewerColumn c = new TableViewerColumn(viewer, SWT.LEFT);
            c.getColumn().setText(COLUMNS[i]);
            c.setLabelProvider(new ColumnLabelProvider() {
                @Override
                public String getText(Object element) {
                    return cells((ComponentInfo) element)[col];
                }
            });
            columns.setColumnData(c.getColumn(), new ColumnWeightData(weights[i], 60));
        }
        refresh();
    }

    private static String[] cells(ComponentInfo c) {
        return new String[] {c.kind().label(), c.id(), c.name(), c.bundle(), c.bundleVersion()};
    }

    /** The registry, as it comes and goes (injected again on every change of the service). */
    @Inject
    @Optional
    public void setRegistry(@Service ComponentRegistry r) {
        if (registry != null) {
            registry.removeListener(onChange);
        }
        registry = r;
        if (r != null) {
            r.addListener(onChange);
        }
        scheduleRefresh();
    }

    private void scheduleRefresh() {
        if (viewer != null && ui != null) {
            ui.asyncExec(this::refresh);
        }
    }

    /** Rebuilds the table from the registry; runs on the UI thread. */
    void refresh() {
        if (viewer == null || viewer.getTable().isDisposed()) {
            return;
        }
        ComponentRegistry r = registry;
        List<ComponentInfo> all = r == null ? List.of() : r.components();
        viewer.setInput(all);
        status.setText(r == null ? "The core runtime is not running." : all.size() + " components installed");
        status.getParent().layout();
    }

    /** The rows shown, as text: kind, id, name, bundle, version. */
    List<String[]> rows() {
        return java.util.Arrays.stream(viewer.getTable().getItems())
                .map((TableItem i) -> new String[] {i.getText(0), i.getText(1), i.getText(2), i.getText(3), i.getText(4)}).toList();
    }

    @PreDestroy
    public void dispose() {
        if (registry != null) {
            registry.removeListener(onChange);
        }
    }
}
