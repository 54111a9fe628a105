package org.choreolab.cli.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.choreolab.api.data.Dataset;
import org.choreolab.api.model.ModelBackend;
import org.choreolab.api.model.ModelTrainer;
import org.choreolab.api.model.TrainingOptions;
import org.choreolab.api.model.TrainingReport;
import org.choreolab.core.Datasets;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Trains a model on a dataset's training split and writes it to a folder.",
                "FACT (mint's loss, the mean squared error of the next 20 frames; Adam): choreolab train fact --out DIR writes fact.json "
                        + "and fact.params (DJL's format, loads on either engine); use it with CHOREOLAB_FACT_MODEL=DIR; "
                        + "-o size=published for mint's 800-wide, 2 + 2 + 12-layer configuration."})
public final class TrainCommand implements Callable<Integer> {

    private final Services services;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The trainer's id (installed: see 'choreolab components').")
    String model;

    @picocli.CommandLine.Mixin
    Shared.Dataset dataset;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where the trained model is written.")
    Path out;

    @Option(names = "--epochs", paramLabel = "N", description = "Passes over the training windows (default: ${DEFAULT-VALUE}).")
    int epochs = 20;

    @Option(names = "--batch", paramLabel = "N", description = "Examples per batch (default: ${DEFAULT-VALUE}, mint's).")
    int batch = 32;

    @Option(names = "--lr", paramLabel = "X", description = "Adam's learning rate (default: ${DEFAULT-VALUE}, mint's initial rate).")
    float learningRate = 1e-4f;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of initialization and shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--engine", paramLabel = "NAME", description = "The engine to train on (default: ${DEFAULT-VALUE}).")
    String engine = "PyTorch";

    @picocli.CommandLine.Mixin
    Shared.Device device;

    @Option(names = {"-o", "--option"}, paramLabel = "KEY=VALUE", description = "A model option, e.g. -o size=published -o stride=4 (list: --options).")
    Map<String, String> options = new LinkedHashMap<>();

    @Option(names = "--options", description = "List the trainer's options and exit.")
    boolean listOptions;

    public TrainCommand(Services services) {
        this.services = services;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter o = spec.commandLine().getOut();
        List<ModelTrainer> trainers = services.registry().services(ModelTrainer.class);
        ModelTrainer trainer = services.registry().find(ModelTrainer.class, model)
                .orElseThrow(() -> new picocli.CommandLine.ParameterException(spec.commandLine(), "MODEL " + model
                        + ": no such trainer (installed: " + String.join(", ", trainers.stream().map(ModelTrainer::id).toList()) + ")"));
        if (listOptions) {
            trainer.optionHelp().forEach((k, v) -> o.printf("  %-24s %s%n", k, v));
            return 0;
        }
        ModelBackend backend = Backends.find(services, engine);
        TrainingOptions training = new TrainingOptions(epochs, batch, learningRate, seed);
        try (Dataset d = Datasets.open(services.registry(), dataset.dir, false)) {
            ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), false);
            TrainingReport r = trainer.train(d, backend, device.orAuto(), options, training, out, progress);
            progress.done();
            o.printf("Trained %s on %s for %d epoch(s) in %.1f s%s%n", model, backend.engine(), r.epochLoss().size(), r.seconds(),
                    r.canceled() ? " (canceled; what was learnt is saved)" : "");
            for (int e = 0; e < r.epochLoss().size(); e++) {
                o.printf("  epoch %3d  loss %.5f%n", e + 1, r.epochLoss().get(e));
            }
            o.println("Model written to " + out.toAbsolutePath().normalize());
            return r.canceled() ? 1 : 0;
        }
    }
}
