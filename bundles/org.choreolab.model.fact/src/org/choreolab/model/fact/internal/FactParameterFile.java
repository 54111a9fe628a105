package org.choreolab.model.fact.internal;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code fact.params} without DJL: the bytes DJL's {@code Block.saveParameters} writes for the
 * FACT network (network.FactBlock and its children), so that either engine loads them. This bundle
 * must not load DJL classes, so the format is restated here from DJL 0.36's sources
 * (AbstractBaseBlock.saveParameters, Linear and LayerNorm.saveMetadata, Parameter.save,
 * NDSerializer.encode, Shape.getEncoded); a test loads the file on both engines and checks that DJL
 * saves it back byte for byte.
 *
 * <p>Parameters are named by their place in the block tree ({@link #names(FactConfig)}): e.g.
 * {@code motion_transformer/layer0_attention/to_qkv/weight}; DJL's Linear weights are
 * (out features, in features).
 */
public final class FactParameterFile {

    /** DJL's block versions: our own blocks and LayerNorm use 1, Linear 4. */
    private static final byte BLOCK = 1, LINEAR = 4;

    private final FactConfig c;
    private final Map<String, float[]> values;
    private final Map<String, long[]> shapes;
    private DataOutputStream out;

    private FactParameterFile(FactConfig c, Map<String, float[]> values) {
        this.c = c;
        this.values = values;
        this.shapes = names(c);
    }

    /** Every parameter's name and shape, in the order DJL saves them. */
    public static Map<String, long[]> names(FactConfig c) {
        Map<String, long[]> m = new LinkedHashMap<>();
        long h = c.hidden();
        m.put("motion_position", new long[] {c.motionLength(), h});
        m.put("audio_position", new long[] {c.audioLength(), h});
        linear(m, "motion_embedding", c.motionDim(), h, true);
        transformer(m, "motion_transformer", c, c.motionLayers());
        linear(m, "audio_embedding", c.audioDim(), h, true);
        transformer(m, "audio_transformer", c, c.audioLayers());
        transformer(m, "cross_transformer", c, c.crossLayers());
        linear(m, "output", h, c.motionDim(), true);
        return m;
    }

    private static void linear(Map<String, long[]> m, String name, long in, long out, boolean bias) {
        m.put(name + "/weight", new long[] {out, in});
        if (bias) {
            m.put(name + "/bias", new long[] {out});
        }
    }

    private static void transformer(Map<String, long[]> m, String name, FactConfig c, int layers) {
        long h = c.hidden(), i = c.intermediate();
        for (int l = 0; l < layers; l++) {
            String p = name + "/layer" + l;
            m.put(p + "_attention_norm/gamma", new long[] {h});
            m.put(p + "_attention_norm/beta", new long[] {h});
            linear(m, p + "_attention/to_qkv", h, 3 * h, false);
            linear(m, p + "_attention/to_out", h, h, true);
            m.put(p + "_mlp_norm/gamma", new long[] {h});
            m.put(p + "_mlp_norm/beta", new long[] {h});
            linear(m, p + "_mlp_in", h, i, true);
            linear(m, p + "_mlp_out", i, h, true);
        }
    }

    /**
     * Writes the parameters (every name of {@link #names}, row-major float32 values) to {@code file},
     * through a temporary file, so that a failure never leaves half a file under the real name.
     */
    public static void write(Path file, FactConfig c, Map<String, float[]> values) throws IOException {
        Map<String, long[]> names = names(c);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, long[]> e : names.entrySet()) {
            float[] v = values.get(e.getKey());
            long n = 1;
            for (long d : e.getValue()) {
                n *= d;
            }
            if (v == null || v.length != n) {
                problems.add(e.getKey() + (v == null ? " missing" : " has " + v.length + " values, expected " + n));
            }
        }
        for (String k : values.keySet()) {
            if (!names.containsKey(k)) {
                problems.add(k + " is no parameter of FACT");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("FACT parameters: " + String.join("; ", problems));
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try (DataOutputStream os = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
                FactParameterFile w = new FactParameterFile(c, values);
                w.out = os;
                w.fact();
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            try {
                // The temporary file was private to its owner; a model is readable like any other file.
                Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException notPosix) {
                // no POSIX permissions on this file system
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    // The network's input shapes, batch 1, as the engines initialize it (FactNetworkFactory.inputShapes).

    private void fact() throws IOException {
        long ml = c.motionLength(), al = c.audioLength(), h = c.hidden();
        out.writeByte(BLOCK);
        inputShapes(new long[] {1, ml, c.motionDim()}, new long[] {1, al, c.audioDim()});
        parameter("motion_position", "motion_position");
        parameter("audio_position", "audio_position");
        linear("motion_embedding", new long[] {1, ml, c.motionDim()}, h, true);
        transformer("motion_transformer", ml, c.motionLayers());
        linear("audio_embedding", new long[] {1, al, c.audioDim()}, h, true);
        transformer("audio_transformer", al, c.audioLayers());
        transformer("cross_transformer", ml + al, c.crossLayers());
        linear("output", new long[] {1, c.outputFrames(), h}, c.motionDim(), true);
    }

    private void transformer(String name, long length, int layers) throws IOException {
        long h = c.hidden();
        long[] in = {1, length, h};
        out.writeByte(BLOCK);
        inputShapes(in);
        for (int l = 0; l < layers; l++) {
            String p = name + "/layer" + l;
            layerNorm(p + "_attention_norm", in);
            out.writeByte(BLOCK); // Attention: its input shape, no parameters of its own, two Linears
            inputShapes(in);
            linear(p + "_attention/to_qkv", in, 3 * h, false);
            linear(p + "_attention/to_out", in, h, true);
            layerNorm(p + "_mlp_norm", in);
            linear(p + "_mlp_in", in, c.intermediate(), true);
            linear(p + "_mlp_out", new long[] {1, length, c.intermediate()}, h, true);
        }
    }

    /** DJL's Linear: version, units, input features, the input shape without its last axis, weight, bias. */
    private void linear(String name, long[] input, long units, boolean bias) throws IOException {
        out.writeByte(LINEAR);
        out.writeLong(units);
        out.writeLong(input[input.length - 1]);
        shape(java.util.Arrays.copyOf(input, input.length - 1));
        parameter(name + "/weight", "weight");
        if (bias) {
            parameter(name + "/bias", "bias");
        }
    }

    /** DJL's LayerNorm over the last axis: version, input shapes, the normalized shape, gamma, beta. */
    private void layerNorm(String name, long[] input) throws IOException {
        out.writeByte(BLOCK);
        inputShapes(input);
        shape(new long[] {input[input.length - 1]});
        parameter(name + "/gamma", "gamma");
        parameter(name + "/beta", "beta");
    }

    private void inputShapes(long[]... shapes) throws IOException {
        out.writeInt(shapes.length);
        for (long[] s : shapes) {
            shape(s);
        }
    }

    /** Shape.getEncoded: rank, dimensions, then a layout character per axis ('?', unknown). */
    private void shape(long[] dims) throws IOException {
        out.writeInt(dims.length);
        for (long d : dims) {
            out.writeLong(d);
        }
        out.writeInt(dims.length);
        for (int i = 0; i < dims.length; i++) {
            out.writeChar('?');
        }
    }

    /** Parameter.save and NDArray encoding (version 3): the array named like its parameter, float32, little-endian. */
    private void parameter(String key, String djlName) throws IOException {
        float[] v = values.get(key);
        long[] shape = shapes.get(key);
        out.writeChar('P');
        out.writeByte(1);
        out.writeUTF(djlName);
        out.writeUTF("NDAR");
        out.writeInt(3);
        out.writeByte(1);
        out.writeUTF(djlName);
        out.writeUTF("DENSE");
        out.writeUTF("FLOAT32");
        shape(shape);
        out.writeByte('<');
        out.writeInt(4 * v.length);
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        out.write(b.array());
    }
}
