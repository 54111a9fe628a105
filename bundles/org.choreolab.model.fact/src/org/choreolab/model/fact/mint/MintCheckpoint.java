package org.choreolab.model.fact.mint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.choreolab.api.model.NetworkCode;
import org.choreolab.io.tensorflow.BundleEntry;
import org.choreolab.io.tensorflow.ObjectGraph;
import org.choreolab.io.tensorflow.TensorBundle;
import org.choreolab.io.tensorflow.TensorType;
import org.choreolab.model.fact.internal.FactConfig;
import org.choreolab.model.fact.internal.FactModel;
import org.choreolab.model.fact.internal.FactParameterFile;
import org.choreolab.model.fact.internal.Feedback;

/**
 * mint's trained FACT (a TensorFlow 2 checkpoint of {@code tf.train.Checkpoint(optimizer=…, model=…)},
 * as mint's trainer.py writes it) as a Choreolab FACT model folder ({@code fact.json} +
 * {@code fact.params}, what {@code fact-pytorch} and {@code fact-mxnet} load).
 *
 * <p>Each of our parameters is looked up by its object path under {@code model} (mint's attribute
 * names: {@code motion_transformer/net/layer_with_weights-0/fn/fn/to_qkv/kernel}, …), through the
 * checkpoint's object graph when it has one (as TensorFlow restores), else by key. The shape of FACT
 * (width, MLP width, layers, windows, feature sizes) is read from the tensors' shapes and every
 * tensor is checked against it; the number of attention heads is in no shape and comes from
 * {@code --heads}, mint's configuration file, or, for exactly the published shape, mint's published
 * configuration (10). Dense kernels (in, out) become DJL weights (out, in); mint's qkv layout
 * {@code (qkv, head, depth)} is ours. The optimizer's state, the step counters and string
 * attributes are skipped and counted; any other tensor, a missing one, or one of another shape or
 * type makes the import refuse, naming them: nothing is guessed and nothing is written then.
 */
public final class MintCheckpoint {

    private static final String VALUE = "/.ATTRIBUTES/VARIABLE_VALUE";
    private static final String SLOT = "/.OPTIMIZER_SLOT/";
    private static final int LISTED = 12;

    private final TensorBundle bundle;
    private final FactConfig config;
    private final String headsFrom;
    private final Map<String, float[]> parameters;
    private final Map<String, Integer> ignored;
    private final long step;

    private MintCheckpoint(TensorBundle bundle, FactConfig config, String headsFrom, Map<String, float[]> parameters,
            Map<String, Integer> ignored, long step) {
        this.bundle = bundle;
        this.config = config;
        this.headsFrom = headsFrom;
        this.parameters = parameters;
        this.ignored = ignored;
        this.step = step;
    }

    /**
     * Reads and maps a checkpoint.
     *
     * @param checkpoint a checkpoint folder, prefix or {@code .index} file (see {@link TensorBundle#open})
     * @param heads the attention heads, or 0 to take them from {@code mintConfig} or the published configuration
     * @param mintConfig mint's pipeline configuration ({@code configs/*.config}) to check the shapes against, or null
     */
    public static MintCheckpoint read(Path checkpoint, int heads, Path mintConfig) throws IOException {
        TensorBundle bundle = TensorBundle.open(checkpoint);
        Lookup look = new Lookup(bundle);
        String index = bundle.indexFile().toString();

        // FACT's shape, from the shapes of a few tensors.
        long[] motionKernel = look.shape(List.of("motion_linear_embedding", "net", "kernel"));
        long[] audioKernel = look.shape(List.of("audio_linear_embedding", "net", "kernel"));
        long[] motionPosition = look.shape(List.of("motion_pos_embedding", "position_embedding|pos_embedding"));
        long[] audioPosition = look.shape(List.of("audio_pos_embedding", "position_embedding|pos_embedding"));
        if (motionKernel == null || audioKernel == null || motionPosition == null || audioPosition == null
                || motionKernel.length != 2 || audioKernel.length != 2 || motionPosition.length != 2 || audioPosition.length != 2) {
            throw new IOException(index + ": not mint's FACT: expected the 2-d variables model/motion_linear_embedding/net/kernel, "
                    + "model/audio_linear_embedding/net/kernel, model/motion_pos_embedding/position_embedding and "
                    + "model/audio_pos_embedding/position_embedding" + look.sample());
        }
        int hidden = (int) motionKernel[1];
        int motionLayers = look.blocks("motion_transformer", "net"), audioLayers = look.blocks("audio_transformer", "net");
        int crossLayers = look.blocks("cross_modal_layer", "transformer_layer", "net");
        long[] firstMlp = null;
        for (String t : new String[] {"motion_transformer/net", "audio_transformer/net", "cross_modal_layer/transformer_layer/net"}) {
            List<String> p = new ArrayList<>(List.of(t.split("/")));
            p.addAll(List.of("layer_with_weights-1|layer-1", "fn", "fn", "net", "layer_with_weights-0|layer-0", "kernel"));
            firstMlp = firstMlp != null ? firstMlp : look.shape(p);
        }
        long[] output = look.shape(List.of("cross_modal_layer", "cross_output_layer", "kernel"));
        List<String> problems = new ArrayList<>();
        if (motionLayers < 1 || audioLayers < 1 || crossLayers < 1 || firstMlp == null || firstMlp.length != 2 || output == null
                || output.length != 2) {
            throw new IOException(index + ": not mint's FACT: transformer layers (" + motionLayers + " motion, " + audioLayers
                    + " audio, " + crossLayers + " cross-modal) or the cross-modal output layer missing" + look.sample());
        }
        int intermediate = (int) firstMlp[1];

        // The heads: given, from mint's configuration, or mint's published configuration.
        MintConfig mc = mintConfig == null ? null : MintConfig.read(mintConfig);
        String from;
        if (mc != null) {
            List<Integer> hs = mc.transformers.values().stream().map(MintConfig.Transformer::heads).distinct().toList();
            if (hs.size() != 1) {
                throw new IOException(mintConfig + ": the transformers have " + hs
                        + " attention heads; Choreolab's FACT uses one head count for all three");
            }
            if (heads > 0 && heads != hs.get(0)) {
                throw new IOException(mintConfig + ": num_attention_heads " + hs.get(0) + ", but --heads " + heads + " was given");
            }
            heads = hs.get(0);
            from = mintConfig.getFileName() + " (num_attention_heads)";
        } else if (heads > 0) {
            from = "given";
        } else {
            FactConfig p = FactConfig.PUBLISHED;
            boolean published = hidden == p.hidden() && intermediate == p.intermediate() && motionLayers == p.motionLayers()
                    && audioLayers == p.audioLayers() && crossLayers == p.crossLayers() && motionPosition[0] == p.motionLength()
                    && audioPosition[0] == p.audioLength() && motionKernel[0] == p.motionDim() && audioKernel[0] == p.audioDim();
            if (!published) {
                throw new IOException(index + ": the number of attention heads is in no tensor's shape, and this FACT (" + hidden
                        + " wide, " + motionLayers + "+" + audioLayers + "+" + crossLayers
                        + " layers) is not mint's published one: give --heads N or mint's --config FILE");
            }
            heads = p.heads();
            from = "mint's published configuration (configs/fact_v5_deeper_t10_cm12.config)";
        }
        FactConfig config;
        try {
            config = new FactConfig(hidden, heads, intermediate, motionLayers, audioLayers, crossLayers, (int) motionPosition[0],
                    (int) audioPosition[0], (int) motionKernel[0], (int) audioKernel[0], FactConfig.PUBLISHED.outputFrames());
        } catch (IllegalArgumentException e) {
            throw new IOException(index + ": " + e.getMessage(), e);
        }
        if (mc != null) {
            check(mc, config, problems);
        }

        // Every parameter of ours from its variable; each variable checked.
        Map<String, Source> sources = sources(config);
        Map<String, long[]> ours = FactParameterFile.names(config);
        Map<String, float[]> values = new LinkedHashMap<>();
        Map<String, String> used = new LinkedHashMap<>(); // checkpoint key → our name
        List<String> missing = new ArrayList<>(), misshaped = new ArrayList<>();
        for (Map.Entry<String, Source> s : sources.entrySet()) {
            Source src = s.getValue();
            Optional<BundleEntry> e = look.entry(src.path());
            if (e.isEmpty()) {
                missing.add("model/" + String.join("/", src.path()).replaceAll("\\|[^/]*", ""));
                continue;
            }
            BundleEntry be = e.get();
            long[] want = src.transpose() ? new long[] {ours.get(s.getKey())[1], ours.get(s.getKey())[0]} : ours.get(s.getKey());
            if (be.type() != TensorType.FLOAT32 || !java.util.Arrays.equals(be.shape(), want)) {
                misshaped.add(be.key() + " is " + be.describe() + ", expected " + new BundleEntry("", TensorType.FLOAT32.code(), want, 0, 0, 0, 0, 0).describe());
                used.put(be.key(), s.getKey());
                continue;
            }
            used.put(be.key(), s.getKey());
            if (problems.isEmpty() && missing.isEmpty() && misshaped.isEmpty()) {
                float[] v = bundle.floats(be.key());
                values.put(s.getKey(), src.transpose() ? transpose(v, (int) want[0], (int) want[1]) : v);
            }
        }

        // Everything else: known state to skip, or unknown.
        Map<String, Integer> skipped = new TreeMap<>();
        List<String> unknown = new ArrayList<>(), optimizerState = new ArrayList<>();
        long step = -1;
        for (BundleEntry e : bundle.entries()) {
            String k = e.key();
            if (used.containsKey(k)) {
                continue;
            }
            if (k.equals(TensorBundle.OBJECT_GRAPH_KEY)) {
                skipped.merge("object graph", 1, Integer::sum);
            } else if (k.contains(SLOT)) {
                skipped.merge("optimizer slot variables", 1, Integer::sum);
            } else if ((k.equals("model/global_step" + VALUE) || k.equals("global_step" + VALUE) || k.equals("optimizer/iter" + VALUE))
                    && e.type() == TensorType.INT64 && e.shape().length == 0) {
                // mint's trainer sets model.global_step = optimizer.iterations: one variable, saved
                // under whichever of its names the checkpoint reached first.
                step = bundle.longs(k)[0];
                skipped.merge("training step", 1, Integer::sum);
            } else if (k.startsWith("optimizer/")) {
                optimizerState.add(k.substring("optimizer/".length()).replace(VALUE, ""));
            } else if (k.equals("save_counter" + VALUE)) {
                skipped.merge("save counter", 1, Integer::sum);
            } else if (e.type() == TensorType.STRING && k.contains("/.ATTRIBUTES/") && !k.endsWith(VALUE)) {
                skipped.merge("object metadata (string attributes)", 1, Integer::sum);
            } else {
                unknown.add(k.replace(VALUE, "") + " (" + e.describe() + ")");
            }
        }
        if (!optimizerState.isEmpty()) {
            skipped.put("optimizer state (" + list(optimizerState) + ")", optimizerState.size());
        }
        if (!unknown.isEmpty()) {
            problems.add(unknown.size() + " variable(s) that FACT has no place for: " + list(unknown));
        }
        if (!missing.isEmpty()) {
            problems.add(missing.size() + " variable(s) missing: " + list(missing));
        }
        if (!misshaped.isEmpty()) {
            problems.add(misshaped.size() + " variable(s) of the wrong shape or type: " + list(misshaped));
        }
        if (!problems.isEmpty()) {
            throw new IOException(index + ": not imported (FACT " + hidden + " wide, " + motionLayers + "+" + audioLayers + "+"
                    + crossLayers + " layers, read from the shapes): " + String.join("; ", problems));
        }
        return new MintCheckpoint(bundle, config, from, values, Collections.unmodifiableMap(skipped), step);
    }

    private static String list(List<String> items) {
        List<String> shown = items.subList(0, Math.min(LISTED, items.size()));
        return String.join(", ", shown) + (items.size() > LISTED ? " and " + (items.size() - LISTED) + " more" : "");
    }

    private static void check(MintConfig mc, FactConfig c, List<String> problems) {
        int[] layers = {c.motionLayers(), c.audioLayers(), c.crossLayers()};
        String[] names = {"motion", "audio", "cross"};
        for (int i = 0; i < 3; i++) {
            MintConfig.Transformer t = mc.transformers.get(names[i]);
            if (t == null) {
                problems.add(mc.file + ": no " + names[i] + " transformer");
                continue;
            }
            compare(mc, t.where() + " hidden_size", t.hidden(), c.hidden(), problems);
            compare(mc, t.where() + " num_hidden_layers", t.layers(), layers[i], problems);
            compare(mc, t.where() + " intermediate_size", t.intermediate(), c.intermediate(), problems);
        }
        Map<String, Integer> shapes = Map.of("motionLength", c.motionLength(), "audioLength", c.audioLength(), "motionDim", c.motionDim(),
                "outDim", c.motionDim());
        Map<String, String> fields = Map.of("motionLength", "modality motion sequence_length", "audioLength",
                "modality audio sequence_length", "motionDim", "modality motion feature_dim", "outDim", "cross_modal_model output_layer out_dim");
        for (Map.Entry<String, Integer> v : mc.values.entrySet()) {
            if (shapes.containsKey(v.getKey())) {
                compare(mc, fields.get(v.getKey()), v.getValue(), shapes.get(v.getKey()), problems);
            }
        }
    }

    private static void compare(MintConfig mc, String field, int configured, int found, List<String> problems) {
        if (configured != found) {
            problems.add(mc.file.getFileName() + " says " + field + " " + configured + ", the checkpoint's shapes say " + found);
        }
    }

    /** Where each of our parameters comes from: an object path under {@code model} ("a|b": either name). */
    record Source(List<String> path, boolean transpose) {
    }

    static Map<String, Source> sources(FactConfig c) {
        Map<String, Source> m = new LinkedHashMap<>();
        m.put("motion_position", new Source(List.of("motion_pos_embedding", "position_embedding|pos_embedding"), false));
        m.put("audio_position", new Source(List.of("audio_pos_embedding", "position_embedding|pos_embedding"), false));
        dense(m, "motion_embedding", List.of("motion_linear_embedding", "net"), true);
        transformer(m, "motion_transformer", List.of("motion_transformer", "net"), c.motionLayers());
        dense(m, "audio_embedding", List.of("audio_linear_embedding", "net"), true);
        transformer(m, "audio_transformer", List.of("audio_transformer", "net"), c.audioLayers());
        transformer(m, "cross_transformer", List.of("cross_modal_layer", "transformer_layer", "net"), c.crossLayers());
        dense(m, "output", List.of("cross_modal_layer", "cross_output_layer"), true);
        return m;
    }

    private static void dense(Map<String, Source> m, String ours, List<String> path, boolean bias) {
        m.put(ours + "/weight", new Source(append(path, "kernel"), true));
        if (bias) {
            m.put(ours + "/bias", new Source(append(path, "bias"), false));
        }
    }

    /** mint's Transformer: a Sequential of Residual(Norm(Attention)), Residual(Norm(MLP)) per layer. */
    private static void transformer(Map<String, Source> m, String ours, List<String> net, int layers) {
        for (int l = 0; l < layers; l++) {
            String p = ours + "/layer" + l;
            List<String> attention = append(net, "layer_with_weights-" + 2 * l + "|layer-" + 2 * l, "fn");
            List<String> mlp = append(net, "layer_with_weights-" + (2 * l + 1) + "|layer-" + (2 * l + 1), "fn");
            m.put(p + "_attention_norm/gamma", new Source(append(attention, "norm", "gamma"), false));
            m.put(p + "_attention_norm/beta", new Source(append(attention, "norm", "beta"), false));
            dense(m, p + "_attention/to_qkv", append(attention, "fn", "to_qkv"), false);
            dense(m, p + "_attention/to_out", append(attention, "fn", "to_out"), true);
            m.put(p + "_mlp_norm/gamma", new Source(append(mlp, "norm", "gamma"), false));
            m.put(p + "_mlp_norm/beta", new Source(append(mlp, "norm", "beta"), false));
            dense(m, p + "_mlp_in", append(mlp, "fn", "net", "layer_with_weights-0|layer-0"), true);
            dense(m, p + "_mlp_out", append(mlp, "fn", "net", "layer_with_weights-1|layer-1"), true);
        }
    }

    private static List<String> append(List<String> path, String... more) {
        List<String> out = new ArrayList<>(path);
        out.addAll(List.of(more));
        return List.copyOf(out);
    }

    /** A row-major (rows, cols) matrix as (cols, rows): TensorFlow's (in, out) kernel as DJL's (out, in) weight. */
    static float[] transpose(float[] v, int rows, int cols) {
        float[] out = new float[v.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[j * rows + i] = v[i * cols + j];
            }
        }
        return out;
    }

    /** Finds variables by object path under {@code model}: through the object graph, else by key. */
    private static final class Lookup {
        private final TensorBundle bundle;
        private final ObjectGraph graph;

        Lookup(TensorBundle bundle) throws IOException {
            this.bundle = bundle;
            this.graph = bundle.objectGraph().orElse(null);
        }

        Optional<BundleEntry> entry(List<String> path) {
            List<List<String>> choices = new ArrayList<>();
            choices.add(List.of("model"));
            for (String step : path) {
                choices.add(List.of(step.split("\\|")));
            }
            if (graph != null) {
                ObjectGraph.Node n = graph.root();
                for (List<String> names : choices) {
                    ObjectGraph.Node next = null;
                    for (String name : names) {
                        Optional<ObjectGraph.Child> c = n.child(name);
                        if (c.isPresent()) {
                            next = graph.node(c.get().nodeId());
                            break;
                        }
                    }
                    if (next == null) {
                        return Optional.empty();
                    }
                    n = next;
                }
                return n.variableKey().flatMap(bundle::entry);
            }
            for (String key : keys(choices, 0, "")) {
                Optional<BundleEntry> e = bundle.entry(key + VALUE);
                if (e.isPresent()) {
                    return e;
                }
            }
            return Optional.empty();
        }

        private static List<String> keys(List<List<String>> choices, int i, String prefix) {
            if (i == choices.size()) {
                return List.of(prefix);
            }
            List<String> out = new ArrayList<>();
            for (String name : choices.get(i)) {
                // TensorFlow's escaping of object names in keys: '.' → '..', '/' → '.S'.
                String escaped = name.replace(".", "..").replace("/", ".S");
                out.addAll(keys(choices, i + 1, prefix.isEmpty() ? escaped : prefix + "/" + escaped));
            }
            return out;
        }

        long[] shape(List<String> path) {
            return entry(path).map(BundleEntry::shape).orElse(null);
        }

        /** The layers of a mint Transformer: its Sequential's blocks with a norm, two per layer. */
        int blocks(String... net) {
            int n = 0;
            while (entry(append(List.of(net), "layer_with_weights-" + n + "|layer-" + n, "fn", "norm", "gamma")).isPresent()) {
                n++;
            }
            return n % 2 == 0 ? n / 2 : -1;
        }

        /** A few of the checkpoint's keys, to show what it holds instead. */
        String sample() {
            List<String> keys = bundle.entries().stream().map(BundleEntry::key)
                    .filter(k -> !k.contains(SLOT) && !k.equals(TensorBundle.OBJECT_GRAPH_KEY))
                    .limit(4).map(k -> k.replace(VALUE, "")).toList();
            return keys.isEmpty() ? " (the checkpoint holds no tensors)" : " (it holds e.g. " + String.join(", ", keys) + ")";
        }
    }

    /** The checkpoint read (its prefix). */
    public Path source() {
        return bundle.prefix();
    }

    /** FACT's shape as network options (hidden, heads, intermediate, layers, lengths, dimensions). */
    public Map<String, String> options() {
        return config.toOptions();
    }

    /** Where the head count came from (the shapes do not hold it). */
    public String headsFrom() {
        return headsFrom;
    }

    /** mint's training step ({@code global_step}, the optimizer's iterations), or -1 when not saved. */
    public long step() {
        return step;
    }

    /** The variables mapped. */
    public int variables() {
        return parameters.size();
    }

    /** The number of parameter values. */
    public long parameterCount() {
        return parameters.values().stream().mapToLong(v -> v.length).sum();
    }

    /** What was skipped, by kind, with counts. */
    public Map<String, Integer> ignored() {
        return ignored;
    }

    /** The code of FACT's network, to build it on an engine and load what {@link #write} wrote. */
    public static NetworkCode networkCode() {
        return FactModel.CODE;
    }

    /** The parameter file in a model folder. */
    public static Path parameterFile(Path modelDir) {
        return modelDir.resolve(FactModel.PARAMS);
    }

    /**
     * Writes {@code fact.json} and {@code fact.params} into {@code modelDir}. A folder that already holds
     * a FACT model is refused unless {@code overwrite}.
     */
    public void write(Path modelDir, boolean overwrite) throws IOException {
        Path params = modelDir.resolve(FactModel.PARAMS), json = modelDir.resolve(FactModel.JSON);
        if (!overwrite && (Files.exists(params) || Files.exists(json))) {
            throw new IOException(modelDir + ": already holds a FACT model (" + FactModel.JSON + ", " + FactModel.PARAMS
                    + "); choose another folder or overwrite it explicitly");
        }
        FactParameterFile.write(params, config, parameters);
        Map<String, Object> info = new LinkedHashMap<>();
        String name = bundle.prefix().getFileName().toString();
        info.put("dataset", "mint's checkpoint " + name + (step >= 0 ? " (step " + step + ")" : "") + ", imported");
        info.put("importedFrom", bundle.prefix().toAbsolutePath().normalize().toString());
        info.put("format", "TensorFlow 2 object-based checkpoint of mint's FACTModel (tf.train.Checkpoint)");
        info.put("step", step);
        info.put("heads", headsFrom);
        info.put("variables", parameters.size());
        info.put("parameters", parameterCount());
        info.put("skipped", ignored);
        info.put("created", Instant.now().toString());
        FactModel.writeInfo(modelDir, config, Feedback.RAW, info); // mint runs its model with raw feedback
    }
}
