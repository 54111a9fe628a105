package org.choreolab.ui.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.choreolab.api.data.Dataset;
import org.choreolab.api.data.Sequence;
import org.choreolab.core.ComponentRegistry;
import org.choreolab.core.Datasets;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;

/**
 * Picks a dataset: the embedded sample or a folder (recent folders remembered), and reads its list of
 * splits and sequences in a job, so the views offer what the dataset holds (its own split names, its
 * sequences) rather than a list written into the UI.
 */
public final class DatasetChooser {

    /** What a dataset holds, as read; {@code problem} is why it could not be read (else null). */
    public record Info(String location, String name, List<String> splits, List<Sequence> sequences, String problem) {
        public List<Sequence> split(String split) {
            return sequences.stream().filter(s -> s.split().equals(split)).toList();
        }
    }

    public static final String SAMPLE = "embedded sample";

    private final Composite control;
    private final Combo combo;
    private final Supplier<ComponentRegistry> registry;
    private final UISynchronize ui;
    private final List<Consumer<Info>> listeners = new ArrayList<>();
    private volatile Info info;
    private volatile Job job;

    public DatasetChooser(Composite parent, Supplier<ComponentRegistry> registry, UISynchronize ui) {
        this.registry = registry;
        this.ui = ui;
        control = new Composite(parent, SWT.NONE);
        GridLayout l = new GridLayout(2, false);
        l.marginWidth = 0;
        l.marginHeight = 0;
        control.setLayout(l);
        combo = new Combo(control, SWT.READ_ONLY);
        combo.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        combo.add(SAMPLE);
        UiPrefs.list(UiPrefs.DATASET_FOLDERS).forEach(combo::add);
        combo.select(0);
        combo.addListener(SWT.Selection, e -> read());
        Hints.below(combo, "The embedded sample (generated, AIST++ layout) or a dataset folder (AIST++: motions/, splits/, music/ …)");
        Button folder = new Button(control, SWT.PUSH);
        folder.setText("Folder...");
        Hints.below(folder, "Choose a dataset folder");
        folder.addListener(SWT.Selection, e -> {
            DirectoryDialog d = new DirectoryDialog(control.getShell());
            d.setText("A dataset folder");
            String dir = d.open();
            if (dir != null) {
                select(dir);
            }
        });
    }

    public Composite control() {
        return control;
    }

    /** Told (on the UI thread) each time a dataset has been read. */
    public void onRead(Consumer<Info> listener) {
        listeners.add(listener);
    }

    /** "" for the embedded sample, else the folder. */
    public String location() {
        return combo.getSelectionIndex() <= 0 ? "" : combo.getText();
    }

    /** The last dataset read, or null. */
    public Info info() {
        return info;
    }

    public boolean reading() {
        return job != null;
    }

    /** Selects a dataset ("" or null: the sample) and reads it, unless it is the one shown. */
    public void select(String location) {
        String loc = location == null ? "" : location;
        if (loc.equals(location()) && info != null && info.location().equals(loc)) {
            return;
        }
        if (loc.isEmpty()) {
            combo.select(0);
        } else {
            if (combo.indexOf(loc) < 0) {
                combo.add(loc, 1);
            }
            combo.select(combo.indexOf(loc));
            UiPrefs.remember(UiPrefs.DATASET_FOLDERS, loc, 8);
        }
        read();
    }

    /** Reads the selected dataset's splits and sequences in a job. */
    public Job read() {
        String loc = location();
        ComponentRegistry r = registry.get();
        if (r == null) {
            publish(new Info(loc, loc, List.of(), List.of(), "the core runtime is not running"));
            return null;
        }
        Job old = job;
        if (old != null) {
            old.cancel();
        }
        Job[] holder = new Job[1];
        Job j = Job.create("Reading " + (loc.isEmpty() ? "the embedded sample" : loc), (IProgressMonitor m) -> {
            Info read;
            try (Dataset d = Datasets.open(r, loc, false)) {
                read = new Info(loc, d.name(), List.copyOf(d.splits()), List.copyOf(d.sequences()), null);
            } catch (IOException | RuntimeException e) {
                read = new Info(loc, loc, List.of(), List.of(), e.getMessage());
            }
            Info done = read;
            ui.asyncExec(() -> {
                // Reading ends when its result is published on the UI thread, not when the job ends: a view
                // asking reading() in between would otherwise miss the result it waits for.
                if (job == holder[0]) {
                    job = null;
                }
                if (!control.isDisposed() && loc.equals(location())) {
                    publish(done);
                }
            });
            return m.isCanceled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
        });
        holder[0] = j;
        job = j;
        j.schedule();
        return j;
    }

    private void publish(Info read) {
        info = read;
        listeners.forEach(l -> l.accept(read));
    }

    /** For the statuses: "embedded sample" or the folder. */
    public static String describe(String location) {
        return location == null || location.isEmpty() ? SAMPLE : location;
    }
}
