package org.choreolab.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

import org.choreolab.api.InvalidInputException;

/**
 * Hostile and malformed numpy files for the readers' tests: pickles built opcode by opcode (deep
 * nesting, self-reference, memo bombs, false declared lengths), {@code .npy} files with any header,
 * a seeded mutator and a fuzzing loop for a reader, named pipes, and the check that an error message is
 * one a user can read (no Java exception text).
 */
public final class Hostile {

    private Hostile() {
    }

    // ---------------------------------------------------------------------------------------------
    // Pickles

    /** A protocol-2 pickle of {@code {key: <value>}}, the value given as opcodes. */
    public static byte[] dict(String key, byte[] valueOps) {
        Ops o = new Ops().proto(2).op('}').str(key);
        o.raw(valueOps);
        return o.op('s').op('.').bytes();
    }

    /** A protocol-2 pickle of an AIST++-like dict whose {@code smpl_poses} is {@code <value>}. */
    public static byte[] motionWith(byte[] posesOps) {
        return dict("smpl_poses", posesOps);
    }

    /** Lists nested {@code depth} levels: [[[…]]]. */
    public static byte[] deepLists(int depth) {
        Ops o = new Ops();
        for (int i = 0; i < depth; i++) {
            o.op(']');
        }
        for (int i = 1; i < depth; i++) {
            o.op('a');
        }
        return o.bytes();
    }

    /** Dicts nested {@code depth} levels: {'k': {'k': …}}. */
    public static byte[] deepDicts(int depth) {
        Ops o = new Ops();
        for (int i = 0; i < depth; i++) {
            o.op('}').op('U').op(1).op('k');
        }
        o.op(']');
        for (int i = 0; i < depth; i++) {
            o.op('s');
        }
        return o.bytes();
    }

    /** Tuples nested {@code depth} levels: (((…),),). */
    public static byte[] deepTuples(int depth) {
        Ops o = new Ops().op(')');
        for (int i = 0; i < depth; i++) {
            o.op(0x85);
        }
        return o.bytes();
    }

    /** A list that holds itself: l = []; l.append(l). */
    public static byte[] selfList() {
        return new Ops().op(']').op('q').op(9).op('h').op(9).op('a').bytes();
    }

    /** A dict that holds itself: d = {}; d['d'] = d. */
    public static byte[] selfDict() {
        return new Ops().op('}').op('q').op(9).op('U').op(1).op('d').op('h').op(9).op('s').bytes();
    }

    /** A tuple whose list holds the tuple: l = []; t = (l,); l.append(t). */
    public static byte[] tupleCycle() {
        return new Ops().op(']').op('q').op(9).op(0x85).op('q').op(10).op('0').op('h').op(9).op('h').op(10).op('a').bytes();
    }

    /**
     * A list doubled {@code times} times through the memo: l0 = [0]; l(k+1) = [lk, lk]. A few bytes
     * per doubling; walking the result visits 2^times lists.
     */
    public static byte[] memoBomb(int times) {
        Ops o = new Ops().op(']').op('K').op(0).op('a').op('q').op(0).op('0');
        for (int i = 1; i <= times; i++) {
            o.op('(').op('h').op(i - 1).op('h').op(i - 1).op('l').op('q').op(i).op('0');
        }
        return o.op('h').op(times).bytes();
    }

    /**
     * A shallow memo bomb: a list of {@code width} references to one list of {@code width}
     * references to …, {@code depth} levels: about 2·width·depth bytes that expand to width^depth values.
     */
    public static byte[] wideBomb(int width, int depth) {
        Ops o = new Ops().op('K').op(0).op('q').op(0).op('0');
        for (int d = 1; d <= depth; d++) {
            o.op('(');
            for (int i = 0; i < width; i++) {
                o.op('h').op(d - 1);
            }
            o.op('l').op('q').op(d).op('0');
        }
        return o.op('h').op(depth).bytes();
    }

    /** An opcode ({@code B} BINBYTES, {@code X} BINUNICODE, {@code T} BINSTRING) declaring {@code length} bytes, followed by a few. */
    public static byte[] declared(char opcode, int length) {
        return new Ops().op(opcode).int32(length).raw("abc".getBytes(StandardCharsets.US_ASCII)).bytes();
    }

    /** LONG4 declaring {@code length} bytes. */
    public static byte[] long4(int length) {
        return new Ops().op(0x8b).int32(length).raw(new byte[] {1, 2, 3}).bytes();
    }

    /** BINBYTES8 declaring {@code length} bytes. */
    public static byte[] binbytes8(long length) {
        Ops o = new Ops().op(0x8e);
        for (int i = 0; i < 8; i++) {
            o.op((int) (length >>> (8 * i)) & 0xff);
        }
        return o.raw(new byte[] {1, 2, 3}).bytes();
    }

    /** A pickle from its raw opcodes: PROTO 2, the opcodes, STOP. */
    public static byte[] pickle(String opsLatin1) {
        return new Ops().proto(2).raw(opsLatin1.getBytes(StandardCharsets.ISO_8859_1)).op('.').bytes();
    }

    /** Opcodes, written by hand. */
    public static final class Ops {
        private final ByteArrayOutputStream b = new ByteArrayOutputStream();

        public Ops op(int c) {
            b.write(c);
            return this;
        }

        public Ops proto(int p) {
            return op(0x80).op(p);
        }

        public Ops int32(int v) {
            for (int i = 0; i < 4; i++) {
                b.write(v >>> (8 * i));
            }
            return this;
        }

        public Ops str(String s) {
            byte[] u = s.getBytes(StandardCharsets.UTF_8);
            return op('X').int32(u.length).raw(u);
        }

        public Ops raw(byte[] bytes) {
            b.writeBytes(bytes);
            return this;
        }

        public byte[] bytes() {
            return b.toByteArray();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // .npy

    /** A version-1.0 {@code .npy} with this header dict (verbatim) and data. */
    public static byte[] npy(String headerDict, byte[] data) {
        String h = headerDict + " ".repeat(Math.max(0, 63 - (10 + headerDict.length()) % 64)) + "\n";
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        b.write(h.length() & 0xff);
        b.write(h.length() >>> 8);
        b.writeBytes(h.getBytes(StandardCharsets.ISO_8859_1));
        b.writeBytes(data);
        return b.toByteArray();
    }

    // ---------------------------------------------------------------------------------------------
    // Fuzzing

    /** Snippets spliced into pickles by {@link #mutate}: each one of the defects readers must survive. */
    private static final List<byte[]> SNIPPETS = List.of(deepLists(2000), selfList(), selfDict(), tupleCycle(), memoBomb(40),
            declared('B', Integer.MAX_VALUE), long4(Integer.MAX_VALUE), declared('X', -1), binbytes8(Long.MAX_VALUE),
            new byte[] {'a'}, new byte[] {'s'}, new byte[] {'R'}, new byte[] {'b'}, new byte[] {'u'}, new byte[] {'e'},
            new byte[] {(byte) 0x93}, new byte[] {'(', 't', 'R'}, new byte[] {'h', (byte) 200}, new byte[] {'1'}, new byte[] {'2', '2', '2'},
            "cos\nsystem\n".getBytes(StandardCharsets.US_ASCII), "cnumpy\ndtype\nC\u0002f4\u0085R".getBytes(StandardCharsets.ISO_8859_1));

    /**
     * A mutant of {@code seed}: random bytes changed, inserted or removed, a cut, a length field set
     * to a huge value, a slice repeated, a hostile snippet spliced in, or (for a {@code .npy}) a
     * header field replaced. Deterministic for a given random state.
     */
    public static byte[] mutate(byte[] seed, SplittableRandom r) {
        byte[] s = seed.clone();
        int kind = r.nextInt(9);
        switch (kind) {
            case 0 -> {
                for (int i = 0, n = 1 + r.nextInt(8); i < n; i++) {
                    s[r.nextInt(s.length)] = (byte) r.nextInt(256);
                }
                return s;
            }
            case 1 -> {
                return java.util.Arrays.copyOf(s, r.nextInt(s.length));
            }
            case 2 -> {
                int at = r.nextInt(s.length + 1);
                byte[] ins = new byte[1 + r.nextInt(16)];
                r.nextBytes(ins);
                return splice(s, at, at, ins);
            }
            case 3 -> {
                int at = r.nextInt(s.length);
                return splice(s, at, Math.min(s.length, at + 1 + r.nextInt(64)), new byte[0]);
            }
            case 4 -> {
                // a length or count field made huge, negative or zero
                int at = r.nextInt(Math.max(1, s.length - 8));
                long v = switch (r.nextInt(4)) {
                    case 0 -> Integer.MAX_VALUE;
                    case 1 -> 0xffffffffL;
                    case 2 -> Long.MAX_VALUE;
                    default -> 0;
                };
                for (int i = 0; i < 4 + 4 * r.nextInt(2) && at + i < s.length; i++) {
                    s[at + i] = (byte) (v >>> (8 * i));
                }
                return s;
            }
            case 5 -> {
                int a = r.nextInt(s.length), b = Math.min(s.length, a + 1 + r.nextInt(256));
                byte[] slice = java.util.Arrays.copyOfRange(s, a, b);
                int at = r.nextInt(s.length + 1);
                return splice(s, at, at, slice);
            }
            case 6, 7 -> {
                byte[] snippet = SNIPPETS.get(r.nextInt(SNIPPETS.size()));
                int at = isNpy(s) ? headerEnd(s) + r.nextInt(Math.max(1, s.length - headerEnd(s))) : r.nextInt(s.length + 1);
                return r.nextBoolean() ? splice(s, at, at, snippet) : splice(s, Math.max(0, s.length - 1), Math.max(0, s.length - 1), snippet);
            }
            default -> {
                if (!isNpy(s)) {
                    return splice(s, 0, Math.min(s.length, 2), new byte[] {(byte) 0x80, (byte) r.nextInt(8)});
                }
                String[] headers = {"{'descr': '<f4', 'fortran_order': False, 'shape': (-1440, 24, 3), }",
                        "{'descr': '<f4', 'fortran_order': False, 'shape': (2147483647, 2147483647, 3), }",
                        "{'descr': '<f8', 'fortran_order': True, 'shape': (99999999999,), }",
                        "{'descr': '|O', 'fortran_order': False, 'shape': (), }",
                        "{'descr': '|O', 'fortran_order': False, 'shape': (3,), }",
                        "{'descr': '<U10', 'fortran_order': False, 'shape': (4,), }",
                        "{'descr': [('x', '<f4')], 'fortran_order': False, 'shape': (4,), }",
                        "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 24, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1), }",
                        "{'descr': '>i8', 'fortran_order': False, 'shape': (), }"};
                int end = headerEnd(s);
                return npy(headers[r.nextInt(headers.length)], java.util.Arrays.copyOfRange(s, Math.min(end, s.length), s.length));
            }
        }
    }

    private static boolean isNpy(byte[] s) {
        return s.length >= 10 && (s[0] & 0xff) == 0x93 && s[1] == 'N';
    }

    private static int headerEnd(byte[] s) {
        return Math.min(s.length, 10 + ((s[8] & 0xff) | (s[9] & 0xff) << 8));
    }

    private static byte[] splice(byte[] s, int from, int to, byte[] insert) {
        byte[] out = new byte[from + insert.length + s.length - to];
        System.arraycopy(s, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(s, to, out, from + insert.length, s.length - to);
        return out;
    }

    // ---------------------------------------------------------------------------------------------
    // Fuzzing a reader

    /** Reads a file as the reader under test does; any exception but {@link InvalidInputException} is a bug. */
    @FunctionalInterface
    public interface Reader {
        void read(Path file) throws Exception;
    }

    /** How many mutants a reader read, and how many it refused with a clear message. */
    public record Outcome(int read, int refused) {
        @Override
        public String toString() {
            return read + " read, " + refused + " refused";
        }
    }

    /**
     * Feeds {@code count} mutants of the seed files (taken in turn, mutated by {@link #mutate}) to a
     * reader, each written to {@code fileFor.apply(i, seed)} and deleted after: each must be read or
     * refused with an {@link InvalidInputException} whose message {@link #requireClearMessage passes}
     * within a minute. Anything else, or a hang, is an {@link AssertionError} naming the mutant and its
     * seed file (and {@code label}, e.g. the random seed).
     */
    public static Outcome fuzz(List<Path> seeds, int count, SplittableRandom random, BiFunction<Integer, Path, Path> fileFor,
            String label, Reader reader) throws IOException {
        List<byte[]> originals = new ArrayList<>();
        for (Path s : seeds) {
            originals.add(Files.readAllBytes(s));
        }
        int read = 0, refused = 0;
        for (int i = 0; i < count; i++) {
            Path seed = seeds.get(i % seeds.size());
            Path f = fileFor.apply(i, seed);
            Files.write(f, mutate(originals.get(i % seeds.size()), random));
            String what = "mutant " + i + " of " + seed.getFileName() + label;
            if (readsOrRefusesClearly(f, what, reader)) {
                read++;
            } else {
                refused++;
            }
            Files.delete(f);
        }
        return new Outcome(read, refused);
    }

    /** True when the reader read the file, false when it refused it clearly; an AssertionError otherwise (a hang after a minute). */
    private static boolean readsOrRefusesClearly(Path f, String what, Reader reader) {
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "hostile-reader");
            t.setDaemon(true);
            return t;
        });
        Future<Boolean> outcome = worker.submit(() -> {
            try {
                reader.read(f);
                return true;
            } catch (InvalidInputException e) {
                requireClearMessage(e.getMessage(), f.toString());
                return false;
            }
        });
        try {
            return outcome.get(1, TimeUnit.MINUTES);
        } catch (TimeoutException e) {
            outcome.cancel(true);
            throw new AssertionError(what + ": still reading after a minute (a hang)");
        } catch (ExecutionException e) {
            Throwable t = e.getCause();
            throw t instanceof AssertionError a ? a : new AssertionError(what + ": " + t, t);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(what + ": interrupted");
        } finally {
            worker.shutdownNow();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Checks

    private static final Pattern JAVA_TEXT = Pattern.compile(
            "java\\.|javax\\.|Exception|Error\\b|\\[[BLIJDF]@|\\[L[a-z]|@[0-9a-f]{5,}|out of bounds|cannot be cast|\\bclass [a-z]+\\.|"
                    + "Index -?\\d+|\\bnull\\b|NaN arrays|Ljava");

    /**
     * Throws an {@link AssertionError} unless {@code message} is one line that starts with
     * {@code source + ": "} and carries no Java exception text (class names, {@code [B@…}, index
     * messages).
     */
    public static void requireClearMessage(String message, String source) {
        if (message == null || !message.startsWith(source + ": ")) {
            throw new AssertionError("the message does not start with the file name " + source + ": " + message);
        }
        if (message.contains("\n")) {
            throw new AssertionError("the message is not one line: " + message);
        }
        var m = JAVA_TEXT.matcher(message.substring(source.length()));
        if (m.find()) {
            throw new AssertionError("the message carries Java text ('" + m.group() + "'): " + message);
        }
    }

    /** Makes a named pipe (needs {@code mkfifo}, as on every Linux). */
    public static Path mkfifo(Path path) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mkfifo", path.toString()).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("mkfifo " + path + " failed: " + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        return path;
    }
}
