package org.choreolab.ui.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.choreolab.api.data.Dataset;
import org.choreolab.api.data.Sequence;
import org.choreolab.core.ComponentRegistry;
import org.choreolab.core.Datasets;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.IJobChangeListener;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeColumn;
import org.eclipse.swt.widgets.TreeItem;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * The Datasets view: a dataset folder (or the embedded sample) as a tree of splits and genres, each
 * sequence with its dancer, music and duration, and the problems found. Reading runs in a job.
 */
public final class DatasetsPart {

    @Inject
    @Optional
    @Service
    private ComponentRegistry registry;
    @Inject
    private UISynchronize ui;
    private DatasetChooser chooser;
    private Tree tree;
    private Label status;
    private volatile Job job;

    /** What the view shows of one sequence. */
    record Row(String split, String genre, String id, String dancer, String music, String duration) {
    }

    @PostConstruct
    public void create(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        chooser = new DatasetChooser(parent, () -> registry, ui);
        chooser.control().setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        chooser.onRead(info -> open(info.location()));
        status = new Label(parent, SWT.WRAP);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        tree = new Tree(parent, SWT.BORDER | SWT.FULL_SELECTION);
        tree.setHeaderVisible(true);
        tree.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        for (String[] c : new String[][] {{"Split / genre / sequence", "300"}, {"Dancer", "70"}, {"Music", "70"}, {"Duration", "90"}}) {
            TreeColumn col = new TreeColumn(tree, SWT.LEFT);
            col.setText(c[0]);
            col.setWidth(Integer.parseInt(c[1]));
        }
        open("");
    }

    /** Opens a dataset folder ("" for the embedded sample) in a job: every motion is read, for durations and problems. */
    Job open(String location) {
        ComponentRegistry r = registry;
        if (r == null || job != null) {
            return null;
        }
        status.setText("Reading " + DatasetChooser.describe(location) + "...");
        Job j = Job.create("Reading a dataset", (IProgressMonitor m) -> {
            try (Dataset d = Datasets.open(r, location, false)) {
                m.beginTask("Reading " + d.name(), d.sequences().size());
                List<Row> rows = new ArrayList<>();
                List<String> problems = new ArrayList<>();
                d.problems().forEach(p -> problems.add(p.toString()));
                double total = 0;
                for (Sequence s : d.sequences()) {
                    if (m.isCanceled()) {
                        return Status.CANCEL_STATUS;
                    }
                    String duration;
                    try {
                        double sec = d.motion(s).durationSeconds();
                        total += sec;
                        duration = String.format(Locale.ROOT, "%.1f s", sec);
                    } catch (IOException | RuntimeException e) {
                        problems.add(e.getMessage());
                        duration = "unreadable";
                    }
                    rows.add(new Row(s.split().isEmpty() ? "(no split)" : s.split(),
                            s.meta("genre").isEmpty() ? "?" : s.meta("genre") + " " + s.meta("genreName"), s.id(), s.meta("dancer"),
                            s.musicId(), duration));
                    m.worked(1);
                }
                String summary = d.name() + ": " + rows.size() + " sequences, " + String.format(Locale.ROOT, "%.1f", total / 60)
                        + " min" + (problems.isEmpty() ? ", no problems" : ", problems: " + String.join("; ", problems));
                ui.asyncExec(() -> show(rows, summary));
            } catch (IOException | RuntimeException e) {
                ui.asyncExec(() -> {
                    if (!status.isDisposed()) {
                        status.setText("Cannot open: " + e.getMessage());
                    }
                });
            }
            return Status.OK_STATUS;
        });
        j.addJobChangeListener(IJobChangeListener.onDone(e -> job = null));
        job = j;
        j.schedule();
        return j;
    }

    private void show(List<Row> rows, String summary) {
        if (tree.isDisposed()) {
            return;
        }
        tree.removeAll();
        Map<String, Map<String, List<Row>>> bySplit = new TreeMap<>();
        for (Row r : rows) {
            bySplit.computeIfAbsent(r.split(), k -> new TreeMap<>()).computeIfAbsent(r.genre(), k -> new ArrayList<>()).add(r);
        }
        bySplit.forEach((split, genres) -> {
            TreeItem s = new TreeItem(tree, SWT.NONE);
            s.setText(split + " (" + genres.values().stream().mapToInt(List::size).sum() + ")");
            genres.forEach((genre, list) -> {
                TreeItem g = new TreeItem(s, SWT.NONE);
                g.setText(genre + " (" + list.size() + ")");
                for (Row r : list) {
                    TreeItem q = new TreeItem(g, SWT.NONE);
                    q.setText(new String[] {r.id(), r.dancer(), r.music(), r.duration()});
                    q.setData(r);
                }
            });
            s.setExpanded(true);
        });
        status.setText(summary);
        status.getParent().layout();
    }

    /** Split labels and the number of sequences under each, as shown. */
    Map<String, Integer> splits() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (TreeItem s : tree.getItems()) {
            int n = 0;
            for (TreeItem g : s.getItems()) {
                n += g.getItemCount();
            }
            out.put(s.getText(), n);
        }
        return out;
    }

    String status() {
        return status.getText();
    }

    boolean loading() {
        return job != null;
    }

    @PreDestroy
    public void dispose() {
        Job j = job;
        if (j != null) {
            j.cancel();
        }
    }
}
