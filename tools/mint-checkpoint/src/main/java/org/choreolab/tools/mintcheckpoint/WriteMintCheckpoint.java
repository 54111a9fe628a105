package org.choreolab.tools.mintcheckpoint;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.tensorflow.EagerSession;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.train.MergeV2Checkpoints;
import org.tensorflow.op.train.Restore;
import org.tensorflow.op.train.Save;
import org.tensorflow.proto.TrackableObjectGraphOuterClass.TrackableObjectGraph;
import org.tensorflow.proto.TrackableObjectGraphOuterClass.TrackableObjectGraph.TrackableObject;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * Writes a small checkpoint of mint's FACT the way {@code tf.train.Checkpoint(optimizer=..., model=...)}
 * lays it out after training with Keras' Adam (mint's trainer.py), using TensorFlow's own C++ ops
 * through TensorFlow Java: {@code SaveV2} into a temporary shard, {@code MergeV2Checkpoints} into the
 * final prefix (TensorFlow 2's functional saver does the same), and the object graph serialized with
 * TensorFlow's own {@code TrackableObjectGraph} proto. Then it reads every tensor back with
 * {@code RestoreV2} and writes what was read for the tests and the numpy reference.
 *
 * <p>What Python would decide and this program restates: the object names (Keras attribute tracking:
 * attribute names, {@code layer_with_weights-N}/{@code layer-N} inside Sequential models, the two
 * names of an {@code add_weight} variable kept as an attribute), the breadth-first order that picks
 * each variable's key, and the optimizer's slot and hyper-parameter variables.
 *
 * <p>Arguments: OUT_DIR (the checkpoint, {@code checkpoint} and {@code expected.json}) and VALUES_DIR
 * (every model variable as read back, for the numpy reference); a third argument {@code published}
 * writes mint's published size instead (800 wide, 2 + 2 + 12 layers: 1.4 GB with Adam's slots), to
 * measure the import at scale.
 */
public final class WriteMintCheckpoint {

    // The small FACT: width 16, 2 heads (not visible in any shape), MLP width 40, 1 + 1 + 2 layers, and
    // mint's windows and feature sizes, so that the model can generate on real data.
    static int HIDDEN = 16, INTERMEDIATE = 40, MOTION_LAYERS = 1, AUDIO_LAYERS = 1, CROSS_LAYERS = 2;
    static final int MOTION_LENGTH = 120, AUDIO_LENGTH = 240, MOTION_DIM = 225, AUDIO_DIM = 35;
    static final long STEP = 1000, SAVE_COUNTER = 1;
    static final String PREFIX = "ckpt-" + SAVE_COUNTER;

    /** A trackable object: named children (aliases allowed: the same object under two names). */
    static final class Obj {
        final LinkedHashMap<String, Obj> children = new LinkedHashMap<>();
        final Var var;

        Obj(Var var) {
            this.var = var;
        }

        Obj() {
            this(null);
        }

        Obj add(String name, Obj child) {
            children.put(name, child);
            return this;
        }
    }

    /** A variable's value: float32 or a scalar int64. */
    record Var(String fullName, long[] shape, float[] floats, Long int64, boolean trainable) {
    }

    private final Random random = new Random(14);
    private final Map<String, Integer> layerNames = new HashMap<>();
    private final List<Obj> trainable = new ArrayList<>();

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || args.length > 3 || (args.length == 3 && !args[2].equals("published"))) {
            System.err.println("usage: WriteMintCheckpoint OUT_DIR VALUES_DIR [published]");
            System.exit(2);
        }
        if (args.length == 3) {
            // mint's published size (configs/fact_v5_deeper_t10_cm12.config), for measuring the import at scale.
            HIDDEN = 800;
            INTERMEDIATE = 3072;
            MOTION_LAYERS = 2;
            AUDIO_LAYERS = 2;
            CROSS_LAYERS = 12;
        }
        new WriteMintCheckpoint().run(Path.of(args[0]), Path.of(args[1]));
    }

    /** Keras' unique layer names: dense, dense_1, dense_2, … */
    private String unique(String base) {
        int n = layerNames.merge(base, 1, Integer::sum) - 1;
        return n == 0 ? base : base + "_" + n;
    }

    private Obj variable(String scope, String name, long[] shape, double mean, double std) {
        int n = 1;
        for (long d : shape) {
            n *= (int) d;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (mean + std * random.nextGaussian());
        }
        // full_name is what Keras would name the variable; approximate, and read by nobody.
        Obj o = new Obj(new Var(scope + "/" + name + ":0", shape, v, null, true));
        trainable.add(o);
        return o;
    }

    private Obj dense(String scope, int in, int out, boolean bias) {
        String s = scope + "/" + unique("dense");
        Obj d = new Obj().add("kernel", variable(s, "kernel", new long[] {in, out}, 0, 1 / Math.sqrt(in)));
        return bias ? d.add("bias", variable(s, "bias", new long[] {out}, 0, 0.1)) : d;
    }

    private Obj layerNorm(String scope) {
        String s = scope + "/" + unique("layer_normalization");
        return new Obj().add("gamma", variable(s, "gamma", new long[] {HIDDEN}, 1, 0.1))
                .add("beta", variable(s, "beta", new long[] {HIDDEN}, 0, 0.1));
    }

    /** A Sequential whose layers all have weights: layer_with_weights-i is tracked before layer-i. */
    private static Obj sequential(List<Obj> layers) {
        Obj s = new Obj();
        for (int i = 0; i < layers.size(); i++) {
            s.add("layer_with_weights-" + i, layers.get(i)).add("layer-" + i, layers.get(i));
        }
        return s;
    }

    private Obj transformer(String scope, int layers) {
        String t = scope + "/" + unique("transformer");
        String seq = t + "/" + unique("sequential");
        List<Obj> blocks = new ArrayList<>();
        for (int l = 0; l < layers; l++) {
            String r = seq + "/" + unique("residual"), n = r + "/" + unique("norm"), a = n + "/" + unique("attention");
            Obj attention = new Obj().add("to_qkv", dense(a, HIDDEN, 3 * HIDDEN, false)).add("to_out", dense(a, HIDDEN, HIDDEN, true))
                    .add("rearrange_qkv", new Obj()).add("rearrange_out", new Obj());
            blocks.add(new Obj().add("fn", new Obj().add("norm", layerNorm(n)).add("fn", attention)));
            r = seq + "/" + unique("residual");
            n = r + "/" + unique("norm");
            String m = n + "/" + unique("mlp"), ms = m + "/" + unique("sequential");
            Obj mlp = new Obj().add("net", sequential(List.of(dense(ms, HIDDEN, INTERMEDIATE, true), dense(ms, INTERMEDIATE, HIDDEN, true))));
            blocks.add(new Obj().add("fn", new Obj().add("norm", layerNorm(n)).add("fn", mlp)));
        }
        return new Obj().add("net", sequential(blocks));
    }

    private Obj positionEmbedding(String scope, int length) {
        String s = scope + "/" + unique("position_embedding");
        Obj v = variable(s, "position_embedding", new long[] {length, HIDDEN}, 0, 0.1);
        // add_weight tracks it under its name, the attribute assignment again as pos_embedding.
        return new Obj().add("position_embedding", v).add("pos_embedding", v);
    }

    /** The dict attributes of mint's MultiModalModel: Keras wraps them, so they are (empty) nodes. */
    private static Obj modalityDict() {
        return new Obj().add("audio", new Obj()).add("motion", new Obj());
    }

    private Obj factModel(Obj iterations) {
        String m = "fact_model";
        Obj model = new Obj();
        model.add("feature_to_output", new Obj());
        model.add("feature_to_model", modalityDict()).add("feature_to_params", modalityDict()).add("feature_to_preprocessor", modalityDict());
        String c = m + "/" + unique("cross_modal_layer");
        Obj cross = new Obj().add("transformer_layer", transformer(c, CROSS_LAYERS)).add("cross_output_layer", dense(c, HIDDEN, MOTION_DIM, true));
        // Assignment order of FACTModel.__init__ (the cross-modal layer is built first).
        model.add("cross_modal_layer", cross);
        model.add("motion_transformer", transformer(m, MOTION_LAYERS));
        model.add("motion_pos_embedding", positionEmbedding(m, MOTION_LENGTH));
        model.add("motion_linear_embedding", new Obj().add("net", dense(m + "/" + unique("linear_embedding"), MOTION_DIM, HIDDEN, true)));
        model.add("audio_transformer", transformer(m, AUDIO_LAYERS));
        model.add("audio_pos_embedding", positionEmbedding(m, AUDIO_LENGTH));
        model.add("audio_linear_embedding", new Obj().add("net", dense(m + "/" + unique("linear_embedding"), AUDIO_DIM, HIDDEN, true)));
        // trainer.py: model_.global_step = optimizer.iterations
        model.add("global_step", iterations);
        return model;
    }

    private static Obj scalar(String fullName, float value) {
        return new Obj(new Var(fullName, new long[0], new float[] {value}, null, false));
    }

    void run(Path out, Path valuesDir) throws IOException {
        Obj iterations = new Obj(new Var("Adam/iter:0", new long[0], null, STEP, false));
        Obj model = factModel(iterations);
        List<Obj> modelVariables = List.copyOf(trainable);
        // Keras' Adam: iterations first ("iter"), then the hyper-parameters in sorted order; mint's
        // learning rate is a schedule, which is no variable.
        Obj optimizer = new Obj().add("iter", iterations).add("beta_1", scalar("Adam/beta_1:0", 0.9f))
                .add("beta_2", scalar("Adam/beta_2:0", 0.999f)).add("decay", scalar("Adam/decay:0", 0f));
        // tf.train.Checkpoint sorts its keyword arguments; save_counter is added when saving.
        Obj root = new Obj().add("model", model).add("optimizer", optimizer)
                .add("save_counter", new Obj(new Var("save_counter:0", new long[0], null, SAVE_COUNTER, false)));

        // Breadth-first from the root: the first path that reaches an object names its key.
        Map<Obj, Integer> ids = new IdentityHashMap<>();
        Map<Obj, String> paths = new IdentityHashMap<>();
        List<Obj> nodes = new ArrayList<>();
        ArrayDeque<Obj> queue = new ArrayDeque<>();
        ids.put(root, 0);
        paths.put(root, "");
        nodes.add(root);
        queue.add(root);
        while (!queue.isEmpty()) {
            Obj o = queue.poll();
            for (Map.Entry<String, Obj> e : o.children.entrySet()) {
                if (!ids.containsKey(e.getValue())) {
                    ids.put(e.getValue(), nodes.size());
                    nodes.add(e.getValue());
                    String p = paths.get(o);
                    paths.put(e.getValue(), (p.isEmpty() ? "" : p + "/") + escape(e.getKey()));
                    queue.add(e.getValue());
                }
            }
        }
        Map<Obj, String> keys = new IdentityHashMap<>();
        for (Obj o : nodes) {
            if (o.var != null) {
                keys.put(o, paths.get(o) + "/.ATTRIBUTES/VARIABLE_VALUE");
            }
        }
        // Adam's slots m and v of every trainable variable, after the graph's objects.
        record Slot(Obj original, String name, Obj slot) {
        }
        List<Slot> slots = new ArrayList<>();
        for (Obj v : modelVariables) {
            for (String s : new String[] {"m", "v"}) {
                float[] values = new float[v.var.floats().length];
                for (int i = 0; i < values.length; i++) {
                    values[i] = s.equals("m") ? (float) (1e-3 * random.nextGaussian()) : (float) (1e-6 * Math.abs(random.nextGaussian()));
                }
                String fullName = v.var.fullName().replace(":0", "") + "/Adam/" + s + ":0";
                Obj slot = new Obj(new Var(fullName, v.var.shape(), values, null, false));
                ids.put(slot, nodes.size());
                nodes.add(slot);
                slots.add(new Slot(v, s, slot));
                keys.put(slot, paths.get(v) + "/.OPTIMIZER_SLOT/" + paths.get(optimizer) + "/" + s + "/.ATTRIBUTES/VARIABLE_VALUE");
            }
        }

        TrackableObjectGraph.Builder graph = TrackableObjectGraph.newBuilder();
        for (Obj o : nodes) {
            TrackableObject.Builder n = TrackableObject.newBuilder();
            o.children.forEach((name, child) -> n.addChildren(TrackableObject.ObjectReference.newBuilder().setNodeId(ids.get(child)).setLocalName(name)));
            if (o.var != null) {
                n.addAttributes(TrackableObject.SerializedTensor.newBuilder().setName("VARIABLE_VALUE")
                        .setFullName(o.var.fullName().replace(":0", "")).setCheckpointKey(keys.get(o)));
            }
            if (o == optimizer) {
                for (Slot s : slots) {
                    n.addSlotVariables(TrackableObject.SlotVariableReference.newBuilder().setOriginalVariableNodeId(ids.get(s.original()))
                            .setSlotName(s.name()).setSlotVariableNodeId(ids.get(s.slot())));
                }
            }
            graph.addNodes(n);
        }
        byte[] graphBytes = graph.build().toByteArray();

        Files.createDirectories(out);
        Files.createDirectories(valuesDir);
        String temp = out.resolve(PREFIX + "_temp/part").toString() + "-00000-of-00001";
        String prefix = out.resolve(PREFIX).toString();
        // TensorFlow 2 hands SaveV2 the variables in the graph's order (breadth-first, then the slot
        // variables) and the object graph last; the data file keeps that order, the index is sorted.
        List<Obj> saved = nodes.stream().filter(o -> o.var != null).toList();
        try (EagerSession session = EagerSession.create()) {
            Ops tf = Ops.create(session);
            List<String> names = new ArrayList<>();
            List<Operand<?>> tensors = new ArrayList<>();
            for (Obj o : saved) {
                names.add(keys.get(o));
                tensors.add(o.var.int64() != null ? tf.constant(o.var.int64().longValue())
                        : tf.constant(Shape.of(o.var.shape()), DataBuffers.of(o.var.floats(), true, false)));
            }
            names.add("_CHECKPOINTABLE_OBJECT_GRAPH");
            tensors.add(tf.constantOf(TString.tensorOfBytes(NdArrays.scalarOfObject(graphBytes))));
            String[] slices = new String[names.size()];
            java.util.Arrays.fill(slices, "");
            Save.create(tf.scope(), tf.constant(temp), tf.constant(StandardCharsets.UTF_8, names.toArray(String[]::new)),
                    tf.constant(StandardCharsets.UTF_8, slices), tensors);
            MergeV2Checkpoints.create(tf.scope(), tf.constant(StandardCharsets.UTF_8, new String[] {temp}), tf.constant(prefix),
                    MergeV2Checkpoints.deleteOldDirs(true));

            // Read everything back through TensorFlow and record what it holds.
            List<Class<? extends TType>> types = new ArrayList<>();
            for (Obj o : saved) {
                types.add(o.var.int64() != null ? TInt64.class : TFloat32.class);
            }
            types.add(TString.class);
            Restore restored = Restore.create(tf.scope(), tf.constant(prefix), tf.constant(StandardCharsets.UTF_8, names.toArray(String[]::new)),
                    tf.constant(StandardCharsets.UTF_8, slices), types);
            StringBuilder expected = new StringBuilder("{\n  \"prefix\": \"" + PREFIX + "\",\n  \"tensors\": {\n");
            StringBuilder manifest = new StringBuilder("[\n");
            ByteBuffer values = ByteBuffer.allocate(4 * 200_000).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < saved.size(); i++) {
                Obj o = saved.get(i);
                String key = names.get(i);
                String shape = java.util.Arrays.toString(o.var.shape());
                if (o.var.int64() != null) {
                    long v = ((TInt64) restored.tensors().get(i).asTensor()).getLong();
                    expected.append(String.format(Locale.ROOT, "    \"%s\": {\"dtype\": \"int64\", \"shape\": %s, \"value\": %d},%n", key, shape, v));
                    continue;
                }
                TFloat32 t = (TFloat32) restored.tensors().get(i).asTensor();
                float[] f = new float[(int) t.size()];
                t.copyTo(DataBuffers.of(f, false, false));
                if (!java.util.Arrays.equals(f, o.var.floats())) {
                    throw new IllegalStateException(key + ": RestoreV2 gave back other values than were saved");
                }
                double sum = 0;
                for (float x : f) {
                    sum += x;
                }
                expected.append(String.format(Locale.ROOT, "    \"%s\": {\"dtype\": \"float32\", \"shape\": %s, \"sum\": %.9e, \"first\": %.9e, \"last\": %.9e},%n",
                        key, shape, sum, f[0], f[f.length - 1]));
                if (!key.contains("/.OPTIMIZER_SLOT/") && key.startsWith("model/") && o.var.trainable() && values.remaining() >= 4 * f.length) {
                    manifest.append(String.format(Locale.ROOT, "  {\"key\": \"%s\", \"shape\": %s, \"offset\": %d},%n", key, shape, values.position() / 4));
                    for (float x : f) {
                        values.putFloat(x);
                    }
                }
            }
            TString g = (TString) restored.tensors().get(saved.size()).asTensor();
            byte[] back = g.asBytes().getObject();
            if (!java.util.Arrays.equals(back, graphBytes)) {
                throw new IllegalStateException("_CHECKPOINTABLE_OBJECT_GRAPH: RestoreV2 gave back other bytes than were saved");
            }
            expected.append(String.format(Locale.ROOT, "    \"_CHECKPOINTABLE_OBJECT_GRAPH\": {\"dtype\": \"string\", \"shape\": [], \"bytes\": %d, \"nodes\": %d, \"slots\": %d}%n",
                    back.length, nodes.size(), slots.size()));
            expected.append("  }\n}\n");
            Files.writeString(out.resolve("expected.json"), expected);
            manifest.setLength(manifest.length() - 2);
            manifest.append("\n]\n");
            Files.writeString(valuesDir.resolve("manifest.json"), manifest);
            try (OutputStream os = Files.newOutputStream(valuesDir.resolve("values.f32"))) {
                os.write(values.array(), 0, values.position());
            }
        }
        // What tf.train.CheckpointManager writes beside its checkpoints (a CheckpointState text proto).
        Files.writeString(out.resolve("checkpoint"), "model_checkpoint_path: \"" + PREFIX + "\"\nall_model_checkpoint_paths: \"" + PREFIX
                + "\"\nall_model_checkpoint_timestamps: 1634169600.0\nlast_preserved_timestamp: 1634169500.0\n");
        System.out.println("wrote " + prefix + ".index and .data-00000-of-00001: " + keys.size() + " variables + object graph ("
                + nodes.size() + " objects), " + modelVariables.size() + " of them FACT's");
    }

    /** TensorFlow's escaping of object names inside checkpoint keys. */
    static String escape(String name) {
        return name.replace(".", "..").replace("/", ".S");
    }
}
