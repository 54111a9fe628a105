package org.choreolab.core.internal.isolation;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.choreolab.api.audio.AudioFeatures;
import org.choreolab.api.data.Sequence;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.api.motion.Skeleton;

/**
 * The protocol between Choreolab and a worker process, over a local (Unix domain) socket: one tagged
 * message after another, fields in a fixed order, big-endian, arrays of floats in bulk. Values, not
 * live objects, cross it: a request's dataset travels as its folder (the worker opens it again), the
 * music of other sequences is asked for when the generator wants it.
 *
 * <pre>
 * worker → parent   HELLO token pid · PROGRESS req done total text · NEED_MUSIC req call sequence
 *                   RESULT req clip? · FAILED req canceled message
 * parent → worker   GENERATE req generator root name sequence music? seed? frames fps seed device parameters musicSource
 *                   CANCEL req · MUSIC call features? error · BYE
 * </pre>
 */
final class Wire {

    static final int VERSION = 1;

    static final byte HELLO = 1;
    static final byte GENERATE = 2;
    static final byte CANCEL = 3;
    static final byte MUSIC = 4;
    static final byte PROGRESS = 5;
    static final byte NEED_MUSIC = 6;
    static final byte RESULT = 7;
    static final byte FAILED = 8;
    static final byte BYE = 9;

    /** The largest array or string accepted: a corrupt length fails with a message, not an OutOfMemoryError. */
    static final int MAX_LENGTH = 1 << 30;

    private static final int CHUNK = 1 << 16;

    private Wire() {
    }

    /** The generation request's values, as the worker receives them. */
    record Generate(int req, String generator, String datasetRoot, String datasetName, Sequence target, AudioFeatures music,
            MotionClip seedMotion, int frames, double fps, long seed, String device, Map<String, String> parameters,
            boolean musicSource) {
    }

    /** Writes messages; one writer per side, each message written whole under its lock. */
    static final class Out {
        private final DataOutputStream out;
        private final byte[] chunk = new byte[CHUNK];

        Out(OutputStream stream) {
            this.out = new DataOutputStream(new BufferedOutputStream(stream, CHUNK));
        }

        synchronized void hello(String token, long pid) throws IOException {
            out.writeByte(HELLO);
            out.writeInt(VERSION);
            string(token);
            out.writeLong(pid);
            out.flush();
        }

        synchronized void generate(Generate g) throws IOException {
            out.writeByte(GENERATE);
            out.writeInt(g.req());
            string(g.generator());
            string(g.datasetRoot());
            string(g.datasetName());
            sequence(g.target());
            features(g.music());
            clip(g.seedMotion());
            out.writeInt(g.frames());
            out.writeDouble(g.fps());
            out.writeLong(g.seed());
            string(g.device());
            map(g.parameters());
            out.writeBoolean(g.musicSource());
            out.flush();
        }

        synchronized void cancel(int req) throws IOException {
            out.writeByte(CANCEL);
            out.writeInt(req);
            out.flush();
        }

        synchronized void music(int call, AudioFeatures f, String error) throws IOException {
            out.writeByte(MUSIC);
            out.writeInt(call);
            features(f);
            string(error);
            out.flush();
        }

        synchronized void progress(int req, int done, int total, String text) throws IOException {
            out.writeByte(PROGRESS);
            out.writeInt(req);
            out.writeInt(done);
            out.writeInt(total);
            string(text);
            out.flush();
        }

        synchronized void needMusic(int req, int call, Sequence s) throws IOException {
            out.writeByte(NEED_MUSIC);
            out.writeInt(req);
            out.writeInt(call);
            sequence(s);
            out.flush();
        }

        synchronized void result(int req, MotionClip clip) throws IOException {
            out.writeByte(RESULT);
            out.writeInt(req);
            clip(clip);
            out.flush();
        }

        synchronized void failed(int req, boolean canceled, String message) throws IOException {
            out.writeByte(FAILED);
            out.writeInt(req);
            out.writeBoolean(canceled);
            string(message);
            out.flush();
        }

        synchronized void bye() throws IOException {
            out.writeByte(BYE);
            out.flush();
        }

        private void string(String s) throws IOException {
            if (s == null) {
                out.writeInt(-1);
                return;
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(b.length);
            out.write(b);
        }

        private void map(Map<String, String> m) throws IOException {
            out.writeInt(m.size());
            for (Map.Entry<String, String> e : m.entrySet()) {
                string(e.getKey());
                string(e.getValue());
            }
        }

        private void sequence(Sequence s) throws IOException {
            string(s.id());
            string(s.split());
            string(s.musicId());
            map(s.metadata());
        }

        private void features(AudioFeatures f) throws IOException {
            out.writeBoolean(f != null);
            if (f == null) {
                return;
            }
            out.writeInt(f.frameCount());
            out.writeDouble(f.fps());
            out.writeInt(f.dimensions());
            for (String n : f.dimensionNames()) {
                string(n);
            }
            floats(f.values(new float[f.frameCount() * f.dimensions()]));
        }

        private void clip(MotionClip c) throws IOException {
            out.writeBoolean(c != null);
            if (c == null) {
                return;
            }
            Skeleton k = c.skeleton();
            string(k.name());
            out.writeInt(k.jointCount());
            for (String n : k.jointNames()) {
                string(n);
            }
            for (int p : k.parents()) {
                out.writeInt(p);
            }
            for (double o : k.offsets()) {
                out.writeDouble(o);
            }
            out.writeDouble(c.fps());
            int n = c.frameCount(), j3 = 3 * k.jointCount();
            out.writeInt(n);
            out.writeBoolean(c.hasRotations());
            if (c.hasRotations()) {
                floats(c.translations(new float[3 * n]));
                floats(c.rotations(new float[j3 * n]));
            }
            out.writeBoolean(c.hasPositions());
            if (c.hasPositions()) {
                floats(c.positions(new float[j3 * n]));
            }
        }

        private void floats(float[] v) throws IOException {
            out.writeInt(v.length);
            ByteBuffer bb = ByteBuffer.wrap(chunk);
            for (int i = 0; i < v.length; i += CHUNK / 4) {
                int n = Math.min(CHUNK / 4, v.length - i);
                bb.clear();
                bb.asFloatBuffer().put(v, i, n);
                out.write(chunk, 0, 4 * n);
            }
        }
    }

    /** Reads messages: {@link #tag()} then the reader for that message. Used by one thread. */
    static final class In {
        private final DataInputStream in;
        private final byte[] chunk = new byte[CHUNK];

        In(InputStream stream) {
            this.in = new DataInputStream(new BufferedInputStream(stream, CHUNK));
        }

        /** The next message's tag, or -1 at the end of the stream. */
        int tag() throws IOException {
            int t = in.read();
            return t;
        }

        /** HELLO: the token and the worker's pid; throws when the protocol versions differ. */
        Object[] hello() throws IOException {
            int v = in.readInt();
            if (v != VERSION) {
                throw new IOException("worker speaks protocol " + v + ", expected " + VERSION);
            }
            return new Object[] {string(), in.readLong()};
        }

        Generate generate() throws IOException {
            return new Generate(in.readInt(), string(), string(), string(), sequence(), features(), clip(), in.readInt(),
                    in.readDouble(), in.readLong(), string(), map(), in.readBoolean());
        }

        int integer() throws IOException {
            return in.readInt();
        }

        /** MUSIC: call id, features (null when the parent could not give them), error. */
        Object[] music() throws IOException {
            return new Object[] {in.readInt(), features(), string()};
        }

        /** PROGRESS: req, done, total, text. */
        Object[] progress() throws IOException {
            return new Object[] {in.readInt(), in.readInt(), in.readInt(), string()};
        }

        /** NEED_MUSIC: req, call, sequence. */
        Object[] needMusic() throws IOException {
            return new Object[] {in.readInt(), in.readInt(), sequence()};
        }

        /** RESULT: req, clip (null when the generator returned null). */
        Object[] result() throws IOException {
            return new Object[] {in.readInt(), clip()};
        }

        /** FAILED: req, canceled, message. */
        Object[] failed() throws IOException {
            return new Object[] {in.readInt(), in.readBoolean(), string()};
        }

        private String string() throws IOException {
            int n = length();
            if (n < 0) {
                return null;
            }
            byte[] b = new byte[n];
            in.readFully(b);
            return new String(b, StandardCharsets.UTF_8);
        }

        private int length() throws IOException {
            int n = in.readInt();
            if (n < -1 || n > MAX_LENGTH) {
                throw new IOException("corrupt message from the other process (length " + n + ")");
            }
            return n;
        }

        private Map<String, String> map() throws IOException {
            int n = length();
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                m.put(string(), string());
            }
            return m;
        }

        private Sequence sequence() throws IOException {
            return new Sequence(string(), string(), string(), map());
        }

        private AudioFeatures features() throws IOException {
            if (!in.readBoolean()) {
                return null;
            }
            int frames = in.readInt();
            double fps = in.readDouble();
            int dims = length();
            List<String> names = new ArrayList<>(dims);
            for (int i = 0; i < dims; i++) {
                names.add(string());
            }
            return new AudioFeatures(floats(), frames, names, fps);
        }

        private MotionClip clip() throws IOException {
            if (!in.readBoolean()) {
                return null;
            }
            String name = string();
            int joints = length();
            List<String> names = new ArrayList<>(joints);
            for (int i = 0; i < joints; i++) {
                names.add(string());
            }
            int[] parents = new int[joints];
            for (int i = 0; i < joints; i++) {
                parents[i] = in.readInt();
            }
            double[] offsets = new double[3 * joints];
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] = in.readDouble();
            }
            double fps = in.readDouble();
            in.readInt(); // frames: implied by the arrays
            float[] translation = null, rotations = null, positions = null;
            if (in.readBoolean()) {
                translation = floats();
                rotations = floats();
            }
            if (in.readBoolean()) {
                positions = floats();
            }
            return new MotionClip(new Skeleton(name, names, parents, offsets), fps, translation, rotations, positions);
        }

        private float[] floats() throws IOException {
            int n = length();
            float[] v = new float[n];
            ByteBuffer bb = ByteBuffer.wrap(chunk);
            for (int i = 0; i < n; i += CHUNK / 4) {
                int k = Math.min(CHUNK / 4, n - i);
                in.readFully(chunk, 0, 4 * k);
                bb.clear();
                bb.asFloatBuffer().get(v, i, k);
            }
            return v;
        }
    }

    /**
     * Streams over a socket channel that read and write independently. (The JDK's
     * {@code Channels.newInputStream} may hold the channel's blocking lock while it waits for input,
     * which would stop the other direction.)
     */
    static InputStream input(SocketChannel ch) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                int n = ch.read(ByteBuffer.wrap(b, off, len));
                return n;
            }
        };
    }

    static OutputStream output(SocketChannel ch) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer bb = ByteBuffer.wrap(b, off, len);
                while (bb.hasRemaining()) {
                    ch.write(bb);
                }
            }
        };
    }

    static EOFException closed() {
        return new EOFException("the other process closed the connection");
    }
}
