package org.choreolab.ui.internal.watch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.choreolab.api.data.Sequence;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.core.ComponentRegistry;
import org.choreolab.ui.internal.DatasetChooser;
import org.choreolab.ui.internal.Hints;
import org.choreolab.ui.internal.evaluate.OutputsDialog;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;

/**
 * The Watch view's side panel: any dataset (as the Evaluate view), its split and sequence, up to three
 * generators or output folders (the experiment's, or added here) beside the ground truth, the length, Generate (with progress and Cancel while generating)
 * and Export.
 */
final class WatchForm {

    private static final double[] LENGTHS = {5, 10, 30, Double.POSITIVE_INFINITY};

    private final Composite control;
    final DatasetChooser dataset;
    private final Combo split;
    private final Combo sequence;
    private final Table generators;
    private final Combo length;
    final Button generate;
    final Button cancel;
    final Button export;
    private final Button addOutputs;
    private final OutputsRows outputs = new OutputsRows();
    private final ProgressBar progress;
    private final Label status;

    WatchForm(Composite parent, Supplier<ComponentRegistry> registry, UISynchronize ui) {
        control = new Composite(parent, SWT.NONE);
        control.setLayout(new GridLayout(2, false));
        new Label(control, SWT.NONE).setText("Dataset:");
        dataset = new DatasetChooser(control, registry, ui);
        dataset.control().setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        new Label(control, SWT.NONE).setText("Split:");
        split = new Combo(control, SWT.READ_ONLY);
        split.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        new Label(control, SWT.NONE).setText("Sequence:");
        sequence = new Combo(control, SWT.READ_ONLY);
        sequence.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        split.addListener(SWT.Selection, e -> sequences(sequence.getText()));
        dataset.onRead(info -> {
            set(split, info.splits(), split.getText().isEmpty() ? "test" : split.getText());
            sequences(sequence.getText());
            if (info.problem() != null) {
                status("Cannot read " + DatasetChooser.describe(info.location()) + ": " + info.problem());
            }
        });
        Label beside = new Label(control, SWT.NONE);
        beside.setText("Beside the ground truth (up to " + WatchRequest.MAX_GENERATORS + "):");
        beside.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        generators = new Table(control, SWT.CHECK | SWT.BORDER | SWT.V_SCROLL);
        GridData gd = new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1);
        gd.heightHint = 60;
        generators.setLayoutData(gd);
        generators.addListener(SWT.Selection, e -> {
            if (e.detail == SWT.CHECK && chosen().size() > WatchRequest.MAX_GENERATORS && e.item instanceof TableItem it) {
                it.setChecked(false);
                status("At most " + WatchRequest.MAX_GENERATORS + " generators or output folders beside the ground truth.");
            }
        });
        addOutputs = new Button(control, SWT.PUSH);
        addOutputs.setText("Add outputs folder...");
        addOutputs.setLayoutData(new GridData(SWT.LEFT, SWT.CENTER, false, false, 2, 1));
        addOutputs.setToolTipText("Watch motions another program generated (one file per sequence), as Evaluate scores them");
        addOutputs.addListener(SWT.Selection,
                e -> OutputsDialog.ask(control.getShell()).ifPresent(o -> addOutputs(Map.of(o.getKey(), o.getValue()))));
        new Label(control, SWT.NONE).setText("Length:");
        length = new Combo(control, SWT.READ_ONLY);
        length.setItems("first 5 s", "first 10 s", "first 30 s", "whole sequence");
        length.select(0);
        Hints.below(length, "Autoregressive models take a while on a CPU: a shorter clip is ready sooner");
        Composite buttons = new Composite(control, SWT.NONE);
        buttons.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        GridLayout bl = new GridLayout(2, false); // each button as wide as its text: equal halves cut "Generate and watch"
        bl.marginWidth = 0;
        buttons.setLayout(bl);
        generate = button(buttons, "Generate and watch");
        cancel = button(buttons, "Cancel");
        cancel.setEnabled(false);
        progress = new ProgressBar(control, SWT.HORIZONTAL | SWT.INDETERMINATE);
        progress.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        progress.setVisible(false);
        export = button(control, "Export GIF / MP4 / PNG...");
        ((GridData) export.getLayoutData()).horizontalSpan = 2;
        status = new Label(control, SWT.WRAP);
        GridData sd = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
        sd.widthHint = 180;
        status.setLayoutData(sd);
    }

    private static Button button(Composite parent, String text) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        b.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        return b;
    }

    Composite control() {
        return control;
    }

    /** The installed generators; those in {@code ticked} are ticked (at most three). */
    void generators(List<MotionGenerator> gens, List<String> ticked) {
        generators.removeAll();
        int n = 0;
        for (MotionGenerator g : gens) {
            TableItem it = new TableItem(generators, SWT.NONE);
            it.setText(g.name());
            it.setData(g.id());
            it.setChecked(ticked.contains(g.id()) && n++ < WatchRequest.MAX_GENERATORS);
        }
        outputs.rows(generators, ticked);
    }

    /** Adds output folders (NAME to DIR) to the choices; a new one is ticked while there is room. */
    void addOutputs(Map<String, String> byName) {
        List<String> before = List.copyOf(outputs.all().keySet());
        outputs.add(generators, byName);
        List<String> ids = new ArrayList<>(chosen());
        byName.keySet().stream().filter(n -> !before.contains(n)).forEach(n -> ids.add(OutputsRows.PREFIX + n));
        tick(ids.subList(0, Math.min(ids.size(), WatchRequest.MAX_GENERATORS)));
    }

    /** The ticked generators' ids. */
    List<String> generatorIds() {
        return chosen().stream().filter(id -> !id.startsWith(OutputsRows.PREFIX)).toList();
    }

    /** The ticked output folders, NAME to DIR. */
    Map<String, String> outputs() {
        return outputs.chosen(chosen());
    }

    Map<String, String> allOutputs() {
        return outputs.all();
    }

    List<String> chosen() {
        List<String> ids = new ArrayList<>();
        for (TableItem it : generators.getItems()) {
            if (it.getChecked()) {
                ids.add((String) it.getData());
            }
        }
        return ids;
    }

    /** Ticks exactly {@code ids}. */
    void tick(List<String> ids) {
        for (TableItem it : generators.getItems()) {
            it.setChecked(ids.contains(it.getData()));
        }
    }

    private void sequences(String keep) {
        var info = dataset.info();
        List<String> ids = info == null ? List.of() : info.split(split.getText()).stream().map(Sequence::id).toList();
        set(sequence, ids, keep.isEmpty() && !ids.isEmpty() ? ids.get(0) : keep);
    }

    /** Selects a sequence (null: keep), adding it when the list does not have it yet (the dataset is still being read). */
    void sequence(String id) {
        if (id != null && !id.isEmpty()) {
            List<String> items = new ArrayList<>(List.of(sequence.getItems()));
            set(sequence, items, id);
        }
    }

    String sequence() {
        return sequence.getText();
    }

    List<String> sequences() {
        return List.of(sequence.getItems());
    }

    private static void set(Combo combo, List<String> items, String value) {
        List<String> all = new ArrayList<>(items);
        if (value != null && !value.isEmpty() && !all.contains(value)) {
            all.add(value);
        }
        combo.setItems(all.toArray(String[]::new));
        if (!all.isEmpty()) {
            combo.select(Math.max(0, all.indexOf(value)));
        }
    }

    /** Seconds to generate (infinite: the whole sequence). */
    double seconds() {
        return LENGTHS[Math.max(0, length.getSelectionIndex())];
    }

    /** Chooses the length closest above {@code seconds} (0 or less: the whole sequence). */
    void seconds(double seconds) {
        int i = 0;
        while (i < LENGTHS.length - 1 && (seconds <= 0 || seconds > LENGTHS[i])) {
            i++;
        }
        length.select(i);
    }

    /** Generating: Generate off, Cancel and the progress bar on. */
    void busy(boolean on) {
        if (control.isDisposed()) {
            return;
        }
        generate.setEnabled(!on);
        cancel.setEnabled(on);
        progress.setVisible(on);
    }

    boolean busy() {
        return cancel.isEnabled();
    }

    void status(String text) {
        if (!status.isDisposed()) {
            status.setText(text);
            control.layout(true);
        }
    }

    String status() {
        return status.getText();
    }
}
