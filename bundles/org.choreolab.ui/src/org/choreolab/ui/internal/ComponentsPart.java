package org.choreolab.ui.internal;

import java.util.List;

import org.choreolab.core.ComponentInfo;
import org.choreolab.core.ComponentRegistry;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

/**
 * The Components view: every installed component by kind, with its id, name and bundle. It follows
 * the registry, so bundles started or stopped while the workbench runs appear and vanish at once.
 */
public final class ComponentsPart {

    static final String[] COLUMNS = {"Kind", "Id", "Name", "Bundle", "Version"};

    private ServiceTracker<ComponentRegistry, ComponentRegistry> tracker;
    private ComponentRegistry registry;
    private Table table;
    private Label status;
    private final Runnable onChange = this::scheduleRefresh;

    @PostConstruct
    public void create(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        status = new Label(parent, SWT.NONE);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        table = new Table(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        int[] widths = {130, 160, 280, 260, 140};
        for (int i = 0; i < COLUMNS.length; i++) {
            TableColumn c = new TableColumn(table, SWT.LEFT);
            c.setText(COLUMNS[i]);
            c.setWidth(widths[i]);
        }
        var bundle = FrameworkUtil.getBundle(ComponentsPart.class);
        if (bundle != null && bundle.getBundleContext() != null) {
            tracker = new ServiceTracker<>(bundle.getBundleContext(), ComponentRegistry.class, null) {
                @Override
                public ComponentRegistry addingService(org.osgi.framework.ServiceReference<ComponentRegistry> ref) {
                    ComponentRegistry r = super.addingService(ref);
                    setRegistry(r);
                    return r;
                }

                @Override
                public void removedService(org.osgi.framework.ServiceReference<ComponentRegistry> ref, ComponentRegistry r) {
                    setRegistry(null);
                    super.removedService(ref, r);
                }
            };
            tracker.open();
        }
        refresh();
    }

    /** For tests and embedding: show this registry instead of the one found in the framework. */
    public void setRegistry(ComponentRegistry r) {
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
        if (table != null && !table.isDisposed()) {
            table.getDisplay().asyncExec(this::refresh);
        }
    }

    /** Rebuilds the table from the registry; runs on the UI thread. */
    void refresh() {
        if (table == null || table.isDisposed()) {
            return;
        }
        List<ComponentInfo> all = registry == null ? List.of() : registry.components();
        table.setRedraw(false);
        try {
            table.removeAll();
            for (ComponentInfo c : all) {
                TableItem item = new TableItem(table, SWT.NONE);
                item.setText(new String[] {c.kind().label(), c.id(), c.name(), c.bundle(), c.bundleVersion()});
                item.setData(c);
            }
        } finally {
            table.setRedraw(true);
        }
        status.setText(registry == null ? "The core runtime is not running." : all.size() + " components installed");
        status.getParent().layout();
    }

    /** The rows shown, as text: kind, id, name, bundle, version. */
    public List<String[]> rows() {
        return java.util.Arrays.stream(table.getItems())
                .map(i -> new String[] {i.getText(0), i.getText(1), i.getText(2), i.getText(3), i.getText(4)}).toList();
    }

    @PreDestroy
    public void dispose() {
        if (registry != null) {
            registry.removeListener(onChange);
        }
        if (tracker != null) {
            tracker.close();
        }
    }
}
