package org.choreolab.model.fact.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.choreolab.api.ProgressMonitor;
import org.choreolab.api.audio.AudioEncoder;
import org.choreolab.api.data.Dataset;
import org.choreolab.api.data.Sequence;
import org.choreolab.api.model.ModelBackend;
import org.choreolab.api.model.ModelTrainer;
import org.choreolab.api.model.Network;
import org.choreolab.api.model.TrainingOptions;
import org.choreolab.api.model.TrainingReport;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** {@code choreolab train fact}: FACT on a dataset's training split, mint's loss (MSE of the next 20 frames). */
@Component(service = ModelTrainer.class)
public final class FactTrainer implements ModelTrainer {

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<AudioEncoder> encoders;

    @Override
    public String id() {
        return "fact";
    }

    @Override
    public String name() {
        return "FACT trainer";
    }

    @Override
    public String description() {
        return "Trains FACT (motion, audio and cross-modal transformers) with Adam on the training split";
    }

    @Override
    public Map<String, String> optionHelp() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("size", "small (64 wide, 1+1+2 layers; default) or published (800 wide, 2+2+12 layers)");
        m.put("hidden, heads, intermediate, motionLayers, audioLayers, crossLayers", "override one field of the size");
        m.put("stride", "frames between training windows (default 8)");
        m.put("noise", "standard deviation of Gaussian noise added to the motion input windows (default 0, as mint)");
        m.put("split", "the split to train on (default train)");
        m.put("init", "a folder with fact.json + fact.params to start from (default: fresh parameters)");
        return m;
    }

    @Override
    public TrainingReport train(Dataset dataset, ModelBackend backend, String device, Map<String, String> options,
            TrainingOptions training, Path outDir, ProgressMonitor monitor) throws IOException {
        FactConfig c;
        try {
            c = FactConfig.of(options);
        } catch (IllegalArgumentException e) {
            throw new IOException("option " + e.getMessage(), e);
        }
        String split = options.getOrDefault("split", "train");
        List<Sequence> seqs = dataset.split(split);
        if (seqs.isEmpty()) {
            throw new IOException(dataset.root() + ": split '" + split + "' has no sequences (splits: " + dataset.splits() + ")");
        }
        int stride = Integer.parseInt(options.getOrDefault("stride", "8"));
        AudioEncoder fact35 = encoders.stream().filter(e -> e.id().equals("fact35")).findFirst()
                .orElseThrow(() -> new IOException("training FACT needs the fact35 audio encoder, which is not installed"));
        float noise = Float.parseFloat(options.getOrDefault("noise", "0"));
        FactTrainingData data = FactTrainingData.build(dataset, seqs, fact35, c, stride, monitor).noise(noise, training.seed());
        if (data.size() == 0) {
            throw new IOException("no training window fits in split '" + split + "': " + data.skipped());
        }
        Map<String, String> netOptions = new LinkedHashMap<>(c.toOptions());
        netOptions.put("seed", Long.toString(training.seed()));
        try (Network net = backend.network(FactModel.CODE, netOptions, device)) {
            if (options.containsKey("init")) {
                net.loadParameters(FactModel.read(Path.of(options.get("init"))).params());
            }
            TrainingReport report = net.train(data, training, monitor);
            net.saveParameters(outDir.resolve(FactModel.PARAMS));
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("dataset", dataset.name() + " (" + split + " split, " + (seqs.size() - data.skipped().size()) + " sequences)");
            info.put("examples", data.size());
            info.put("stride", stride);
        info.put("inputNoise", noise);
            info.put("epochs", report.epochLoss().size());
            info.put("batchSize", training.batchSize());
            info.put("learningRate", training.learningRate());
            info.put("seed", training.seed());
            info.put("engine", backend.engine() + " " + backend.engineVersion());
            info.put("device", net.device());
            info.put("parameters", net.parameterCount());
            info.put("epochLoss", report.epochLoss());
            info.put("seconds", Math.round(report.seconds() * 10) / 10.0);
            info.put("canceled", report.canceled());
            info.put("skipped", data.skipped());
            info.put("created", Instant.now().toString());
            FactModel.writeInfo(outDir, c, info);
            return report;
        }
    }
}
