package org.choreolab.ui.internal.evaluate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.choreolab.api.metric.Metric;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.core.ComponentRegistry;
import org.choreolab.core.Experiment;
import org.choreolab.ui.internal.DatasetChooser;
import org.choreolab.ui.internal.Hints;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/**
 * The experiment as a form: dataset, split (the dataset's own), protocol (those the installed metrics
 * know), generators and outputs folders, metrics. It reflows: the lists share a sash and grow with the
 * view. What the form has no field for (encoder, frames, seed, time-out, parameters) is carried from the
 * experiment last shown, so opening and saving a file keeps it.
 */
final class ExperimentForm {

    private final Composite control;
    private final DatasetChooser dataset;
    private final Combo split;
    private final Combo protocol;
    private final Label music;
    private final ChoiceList generators;
    private final ChoiceList metrics;
    private final Button addOutputs;
    private final Map<String, String> outputs = new LinkedHashMap<>();
    private Experiment carried = Experiment.defaults();
    private boolean filled;

    ExperimentForm(Composite parent, Supplier<ComponentRegistry> registry, UISynchronize ui) {
        control = new Composite(parent, SWT.NONE);
        control.setLayout(new GridLayout(4, false));
        new Label(control, SWT.NONE).setText("Dataset:");
        dataset = new DatasetChooser(control, registry, ui);
        dataset.control().setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        new Label(control, SWT.NONE).setText("Split:");
        split = new Combo(control, SWT.READ_ONLY);
        split.setLayoutData(new GridData(SWT.LEFT, SWT.CENTER, false, false));
        dataset.onRead(info -> {
            List<String> names = new ArrayList<>(info.splits());
            choose(split, names, split.getText().isEmpty() ? "test" : split.getText());
            Hints.below(split, info.problem() != null ? "Cannot read " + DatasetChooser.describe(info.location()) + ": " + info.problem()
                    : info.name() + ": " + info.splits().stream().map(s -> s + " " + info.split(s).size()).toList());
        });
        new Label(control, SWT.NONE).setText("Protocol:");
        protocol = new Combo(control, SWT.READ_ONLY);
        protocol.setLayoutData(new GridData(SWT.LEFT, SWT.CENTER, true, false));
        new Label(control, SWT.NONE).setText("Music features:");
        music = new Label(control, SWT.NONE);
        music.setText("as each generator declares (hover for the list)");
        music.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        SashForm lists = new SashForm(control, SWT.HORIZONTAL);
        lists.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 4, 1));
        generators = new ChoiceList(lists, "Generators");
        metrics = new ChoiceList(lists, "Metrics");
        lists.setWeights(60, 40);
        addOutputs = generators.button("Add outputs folder...", () -> OutputsDialog.ask(control.getShell()).ifPresent(this::addOutputs));
        Hints.below(addOutputs, "Score a folder of motions another program generated, under a name, like a generator (evaluate --outputs NAME=DIR)");
        choose(split, List.of(), "test");
        choose(protocol, List.of(), Experiment.DEFAULT_PROTOCOL);
    }

    Composite control() {
        return control;
    }

    DatasetChooser dataset() {
        return dataset;
    }

    /** Fills the lists from the installed components, keeping what was ticked (new components come ticked). */
    void refresh(ComponentRegistry r) {
        if (control.isDisposed()) {
            return;
        }
        List<String> gensBefore = generators.items().stream().map(ChoiceList.Choice::id).toList();
        List<String> gensTicked = generators.checked();
        List<String> metsBefore = metrics.items().stream().map(ChoiceList.Choice::id).toList();
        List<String> metsTicked = metrics.checked();
        List<ChoiceList.Choice> gens = new ArrayList<>();
        List<String> needs = new ArrayList<>();
        for (MotionGenerator g : r == null ? List.<MotionGenerator>of() : r.services(MotionGenerator.class)) {
            String declared = GeneratorNeedsText.of(g);
            needs.add(declared);
            gens.add(new ChoiceList.Choice(g.id(), g.id() + "  (" + g.name() + ")", g.description() + "\nMusic features: " + declared));
        }
        outputs.forEach((name, dir) -> gens.add(outputsChoice(name, dir)));
        generators.items(gens, id -> filled ? gensTicked.contains(id) || !gensBefore.contains(id) : wanted(carried.generators(), id));
        Map<String, TreeSet<String>> byProtocol = new TreeMap<>();
        List<ChoiceList.Choice> mets = new ArrayList<>();
        for (Metric m : r == null ? List.<Metric>of() : r.services(Metric.class)) {
            mets.add(new ChoiceList.Choice(m.id(), m.id() + "  (" + m.name() + ")", m.description()));
            for (String p : m.protocols()) {
                byProtocol.computeIfAbsent(p, k -> new TreeSet<>()).add(m.id());
            }
        }
        metrics.items(mets, id -> filled ? metsTicked.contains(id) || !metsBefore.contains(id) : wanted(carried.metrics(), id));
        List<String> protocols = new ArrayList<>(byProtocol.keySet());
        if (protocols.remove(Experiment.DEFAULT_PROTOCOL)) {
            protocols.add(0, Experiment.DEFAULT_PROTOCOL);
        }
        choose(protocol, protocols, protocol.getText().isEmpty() ? carried.protocol() : protocol.getText());
        Hints.below(protocol, "The conventions every metric follows (crops, frame rates, pooling); known by:\n" + String.join("\n",
                byProtocol.entrySet().stream().map(e -> e.getKey() + ": " + String.join(", ", e.getValue())).toList()));
        Hints.below(music, "Each generator receives the music features it declares:\n" + String.join("\n", needs));
        filled = r != null;
    }

    private static boolean wanted(List<String> ids, String id) {
        return ids.isEmpty() || ids.contains(id);
    }

    /** Selects {@code value} in {@code combo} among {@code items}, adding it when the list lacks it (a file's own choice is kept). */
    private static void choose(Combo combo, List<String> items, String value) {
        List<String> all = new ArrayList<>(items);
        if (value != null && !value.isEmpty() && !all.contains(value)) {
            all.add(value);
        }
        combo.setItems(all.toArray(String[]::new));
        combo.select(Math.max(0, all.indexOf(value)));
        combo.getParent().layout(true);
    }

    /** The experiment the form describes (the value experiment files hold). */
    Experiment experiment(String device) {
        List<String> gens = generators.checked().stream().filter(id -> !id.startsWith(OUTPUTS)).toList();
        Map<String, String> outs = new LinkedHashMap<>();
        generators.checked().stream().filter(id -> id.startsWith(OUTPUTS)).map(id -> id.substring(OUTPUTS.length()))
                .forEach(name -> outs.put(name, outputs.get(name)));
        Experiment ex = new Experiment(dataset.location(), split.getText(), carried.encoder(), gens, metrics.checked(), protocol.getText(),
                carried.frames(), carried.seed(), device, carried.timeoutSeconds(), carried.parameters());
        return ex.withOutputs(outs);
    }

    /** Shows {@code ex}: its lists tick what it names (an empty list: everything installed). */
    void show(Experiment ex) {
        carried = ex;
        dataset.select(ex.dataset());
        choose(split, List.of(split.getItems()), ex.split());
        choose(protocol, List.of(protocol.getItems()), ex.protocol());
        outputs.clear();
        outputs.putAll(ex.outputs());
        List<ChoiceList.Choice> gens = new ArrayList<>(generators.items().stream().filter(c -> !c.id().startsWith(OUTPUTS)).toList());
        outputs.forEach((name, dir) -> gens.add(outputsChoice(name, dir)));
        generators.items(gens, id -> false);
        generators.check(id -> id.startsWith(OUTPUTS) ? outputs.containsKey(id.substring(OUTPUTS.length())) : wanted(ex.generators(), id));
        metrics.check(id -> wanted(ex.metrics(), id));
    }

    private static final String OUTPUTS = "outputs:";

    private static ChoiceList.Choice outputsChoice(String name, String dir) {
        return new ChoiceList.Choice(OUTPUTS + name, name + "  (outputs folder " + dir + ")", "Motions read from " + dir);
    }

    private void addOutputs(Map.Entry<String, String> nameAndDir) {
        outputs.put(nameAndDir.getKey(), nameAndDir.getValue());
        generators.add(outputsChoice(nameAndDir.getKey(), nameAndDir.getValue()), true);
    }

    List<String> splits() {
        return List.of(split.getItems());
    }

    List<String> protocols() {
        return List.of(protocol.getItems());
    }

    /** What the "Music features" field says each generator receives (its hint). */
    String musicFeatures() {
        return Hints.text(music);
    }
}
