package org.choreolab.generators.exported.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import org.choreolab.api.model.GeneratorNeeds;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The descriptor beside an exported model file ({@code model.json}; docs/EXTENDING.md §8, contract
 * v2): which engine runs the file, the motion frame rate, how motion frames are laid out
 * ({@link MotionFormat}), how generation proceeds ({@link Mode}), the music encoder and its windows,
 * and what the model returns. Every field is checked here, by name; the shapes the model really
 * returns are checked when it is loaded ({@link ExportedGenerator}).
 *
 * @param motionFrames autoregressive: the motion window (and seed); windowed: 0, or the overlap
 *                     {@code outputFrames − stride} the model also reads; whole: the seed it reads (0: none)
 * @param musicFrames  autoregressive: the music window; windowed: the window; whole: 0 (all of it)
 * @param musicFps     the music's frame rate (whole mode may read music slower than it makes motion)
 * @param musicDims    the music features' dimensions the model expects, 0 when not declared
 * @param outputFrames autoregressive: frames predicted per step; windowed: the window; whole: 0
 * @param keep         autoregressive: frames kept per step; otherwise 0
 * @param stride       windowed: frames between window starts; otherwise 0
 */
public record ExportedModel(String id, String name, String description, String engine, String file, double fps,
        Mode mode, MotionFormat format, int motionFrames, String musicEncoder, int musicFrames, double musicFps, int musicDims,
        int outputFrames, int keep, int stride, String source) {

    static final Set<String> ENGINES = Set.of("PyTorch", "OnnxRuntime", "MXNet");

    /** How a model is run over a sequence. */
    public enum Mode {
        /** FACT's: motion window + music window in, the next frames out, the first {@code keep} kept, shift, repeat. */
        AUTOREGRESSIVE("autoregressive"),
        /** EDGE's long form: fixed windows at a stride, overlaps merged. */
        WINDOWED("windowed"),
        /** Bailando's: all the music in, all the motion out. */
        WHOLE("whole");

        final String id;

        Mode(String id) {
            this.id = id;
        }

        @Override
        public String toString() {
            return id;
        }
    }

    private static final List<String> TOP = List.of("id", "name", "description", "engine", "file", "fps", "mode", "motion", "music", "output");
    private static final List<String> MOTION = List.of("representation", "frames", "contacts", "up", "joints");
    private static final List<String> MUSIC = List.of("encoder", "frames", "fps", "dimensions");
    private static final List<String> OUTPUT = List.of("frames", "keep", "stride");

    public static ExportedModel parse(InputStream in, String source) throws IOException {
        JsonNode n;
        try {
            n = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IOException(source + ": not valid JSON: " + e.getMessage(), e);
        }
        if (n == null || !n.isObject()) {
            throw new IOException(source + ": expected a JSON object");
        }
        known(n, "", TOP, source);
        String id = text(n, "id", source);
        if (!id.matches("[a-z0-9][a-z0-9._-]*")) {
            throw new IOException(source + ": field 'id': expected lower-case letters, digits, '.', '_' or '-', got '" + id + "'");
        }
        String engine = text(n, "engine", source);
        if (!ENGINES.contains(engine)) {
            throw new IOException(source + ": field 'engine': expected one of " + ENGINES + ", got '" + engine + "'");
        }
        String file = text(n, "file", source);
        String name = optionalText(n, "name", id, source);
        String description = optionalText(n, "description", "", source);
        double fps = rate(n, "fps", "fps", 60, source);
        String modeText = optionalText(n, "mode", "autoregressive", source);
        Mode mode = null;
        for (Mode m : Mode.values()) {
            if (m.id.equals(modeText)) {
                mode = m;
            }
        }
        if (mode == null) {
            throw new IOException(source + ": field 'mode': expected autoregressive, windowed or whole, got '" + modeText + "'");
        }

        JsonNode motion = object(n, "motion", source);
        known(motion, "motion.", MOTION, source);
        String rep = optionalText(motion, "representation", "motion.representation", "fact225", source);
        MotionFormat.Kind kind = MotionFormat.Kind.of(rep);
        if (kind == null) {
            throw new IOException(source + ": field 'motion.representation': expected one of " + MotionFormat.KINDS + ", got '" + rep + "'");
        }
        if (motion.has("contacts") && kind != MotionFormat.Kind.ROT6D) {
            throw new IOException(source + ": field 'motion.contacts': only for the rot6d representation (EDGE's foot contacts), not " + rep);
        }
        boolean contacts = bool(motion, "contacts", "motion.contacts", false, source);
        String up = optionalText(motion, "up", "motion.up", "y", source);
        if (!up.equals("y") && !up.equals("z")) {
            throw new IOException(source + ": field 'motion.up': expected \"y\" (AIST++'s world) or \"z\" (EDGE's: turned 90° about x), got '" + up + "'");
        }
        if (motion.has("joints") && kind != MotionFormat.Kind.JOINTS) {
            throw new IOException(source + ": field 'motion.joints': only for the joints representation, not " + rep);
        }
        String joints = optionalText(motion, "joints", "motion.joints", "root-relative", source);
        if (!joints.equals("root-relative") && !joints.equals("world")) {
            throw new IOException(source + ": field 'motion.joints': expected \"root-relative\" (Bailando's: the root's position, then "
                    + "every joint minus the root) or \"world\", got '" + joints + "'");
        }
        MotionFormat format = new MotionFormat(kind, contacts, up.equals("z"), joints.equals("root-relative"));

        JsonNode music = object(n, "music", source);
        known(music, "music.", MUSIC, source);
        String encoder = optionalText(music, "encoder", "music.encoder", "fact35", source).trim();
        if (encoder.isEmpty()) {
            throw new IOException(source + ": field 'music.encoder': expected an audio encoder id (e.g. fact35, fact35-30fps, "
                    + "bailando438, mel; `choreolab components` lists them)");
        }
        double musicFps = rate(music, "fps", "music.fps", fps, source);
        int musicDims = music.has("dimensions") ? positive(music, "dimensions", "music.dimensions", source) : 0;

        JsonNode output = n.has("output") || mode != Mode.WHOLE ? object(n, "output", source) : n.path("output");
        known(output, "output.", OUTPUT, source);

        int motionFrames, musicFrames, outFrames, keep = 0, stride = 0;
        switch (mode) {
            case AUTOREGRESSIVE -> {
                not(output, "stride", "output.stride", mode, "windowed", source);
                motionFrames = positive(motion, "frames", "motion.frames", source);
                musicFrames = positive(music, "frames", "music.frames", source);
                outFrames = positive(output, "frames", "output.frames", source);
                keep = output.has("keep") ? positive(output, "keep", "output.keep", source) : outFrames;
                if (keep > outFrames || keep > motionFrames) {
                    throw new IOException(source + ": field 'output.keep': at most output.frames and motion.frames, got " + keep);
                }
            }
            case WINDOWED -> {
                not(output, "keep", "output.keep", mode, "autoregressive", source);
                outFrames = positive(output, "frames", "output.frames", source);
                stride = positive(output, "stride", "output.stride", source);
                if (stride > outFrames || 2 * stride < outFrames) {
                    throw new IOException(source + ": field 'output.stride': expected from half the window to the whole window ("
                            + (outFrames + 1) / 2 + " to " + outFrames + " frames; EDGE: half), got " + stride);
                }
                musicFrames = music.has("frames") ? positive(music, "frames", "music.frames", source) : outFrames;
                if (musicFrames != outFrames) {
                    throw new IOException(source + ": field 'music.frames': a window's music is the window's frames, "
                            + outFrames + " (output.frames), got " + musicFrames);
                }
                motionFrames = count(motion, "frames", "motion.frames", 0, source);
                if (motionFrames != 0 && motionFrames != outFrames - stride) {
                    throw new IOException(source + ": field 'motion.frames': expected 0 (music only, as EDGE) or the overlap "
                            + (outFrames - stride) + " (output.frames − output.stride), got " + motionFrames);
                }
            }
            default -> {
                not(output, "frames", "output.frames", mode, "autoregressive or windowed", source);
                not(output, "keep", "output.keep", mode, "autoregressive", source);
                not(output, "stride", "output.stride", mode, "windowed", source);
                not(music, "frames", "music.frames", mode, "autoregressive or windowed", source);
                motionFrames = count(motion, "frames", "motion.frames", 0, source);
                musicFrames = 0;
                outFrames = 0;
            }
        }
        if (musicFps != fps) {
            double ratio = fps / musicFps;
            if (mode != Mode.WHOLE) {
                throw new IOException(source + ": field 'music.fps': the music may run at another rate than the motion in whole mode "
                        + "only; " + mode + " reads them at the same rate (fps " + fmt(fps) + "), got " + fmt(musicFps));
            }
            if (Math.abs(ratio - Math.rint(ratio)) > 1e-9 || ratio < 1) {
                throw new IOException(source + ": field 'music.fps': expected fps (" + fmt(fps)
                        + ") divided by a whole number, e.g. Bailando's 7.5 for 60, got " + fmt(musicFps));
            }
        }
        return new ExportedModel(id, name, description, engine, file, fps, mode, format, motionFrames, encoder, musicFrames,
                musicFps, musicDims, outFrames, keep, stride, source);
    }

    /** Motion frames per music frame (1 unless a whole-mode model reads slower music). */
    public int ratio() {
        return (int) Math.rint(fps / musicFps);
    }

    /**
     * What the generator declares: its music encoder at the music's rate, the seed it reads, what it
     * returns. A model reading slower music than it makes motion (whole mode) declares the music's
     * rate — the platform encodes the music and asks for frames at it — and a seed covering the
     * same time; it returns its motion at {@link #fps()}, which the platform resamples from.
     */
    public GeneratorNeeds needs() {
        int seed = ratio() == 1 ? motionFrames : (motionFrames + ratio() - 1) / ratio();
        return new GeneratorNeeds(musicEncoder, seed, musicFps, format.output());
    }

    /** The model file, relative to the descriptor's folder. */
    public Path resolve(Path descriptorDir) {
        return descriptorDir.resolve(file);
    }

    /** "autoregressive, 120 motion + 240 music frames in, 20 out, 1 kept", for the generator's parameters. */
    String window() {
        return switch (mode) {
            case AUTOREGRESSIVE -> "autoregressive: " + motionFrames + " motion + " + musicFrames + " music frames in, "
                    + outputFrames + " out, " + keep + " kept per step";
            case WINDOWED -> "windowed: " + outputFrames + " frames every " + stride + (motionFrames > 0 ? ", reading the " + motionFrames
                    + "-frame overlap" : "") + ", overlaps merged as EDGE";
            case WHOLE -> "whole: all the music in" + (motionFrames > 0 ? " with a " + motionFrames + "-frame seed" : "")
                    + (ratio() > 1 ? ", " + ratio() + " motion frames per music frame" : "") + ", all the motion out";
        };
    }

    static String fmt(double fps) {
        return fps == Math.rint(fps) ? Long.toString((long) fps) : Double.toString(fps);
    }

    private static void known(JsonNode n, String prefix, List<String> fields, String source) throws IOException {
        List<String> unknown = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!fields.contains(f)) {
                unknown.add(f);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IOException(source + ": field '" + prefix + unknown.get(0) + "': not part of the descriptor (expected "
                    + (prefix.isEmpty() ? "" : "in '" + prefix.substring(0, prefix.length() - 1) + "' ") + "one of " + fields + ")");
        }
    }

    private static void not(JsonNode n, String field, String path, Mode mode, String where, String source) throws IOException {
        if (n.has(field)) {
            throw new IOException(source + ": field '" + path + "': not used in " + mode + " mode (only in " + where + ")");
        }
    }

    private static String text(JsonNode n, String field, String source) throws IOException {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IOException(source + ": field '" + field + "': expected a non-empty string");
        }
        return v.asText();
    }

    private static String optionalText(JsonNode n, String field, String fallback, String source) throws IOException {
        return optionalText(n, field, field, fallback, source);
    }

    private static String optionalText(JsonNode n, String field, String path, String fallback, String source) throws IOException {
        return optional(n, field, path, fallback, source, JsonNode::isTextual, "a string", JsonNode::asText);
    }

    private static boolean bool(JsonNode n, String field, String path, boolean fallback, String source) throws IOException {
        return optional(n, field, path, fallback, source, JsonNode::isBoolean, "true or false", JsonNode::asBoolean);
    }

    private static double rate(JsonNode n, String field, String path, double fallback, String source) throws IOException {
        return optional(n, field, path, fallback, source, v -> v.isNumber() && v.asDouble() > 0 && v.asDouble() <= 1000,
                "a frame rate above 0 and at most 1000", JsonNode::asDouble);
    }

    private static JsonNode object(JsonNode n, String field, String source) throws IOException {
        JsonNode v = n.get(field);
        if (v == null || !v.isObject()) {
            throw new IOException(source + ": field '" + field + "': expected an object");
        }
        return v;
    }

    private static int positive(JsonNode n, String field, String path, String source) throws IOException {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() <= 0) {
            throw new IOException(source + ": field '" + path + "': expected a positive whole number" + (v == null ? "" : ", got " + v));
        }
        return v.asInt();
    }

    private static int count(JsonNode n, String field, String path, int fallback, String source) throws IOException {
        return optional(n, field, path, fallback, source, v -> v.canConvertToInt() && v.isIntegralNumber() && v.asInt() >= 0,
                "0 or a positive whole number", JsonNode::asInt);
    }

    /** An optional field: {@code fallback} when absent, else its value if {@code valid}, else an error naming {@code expected}. */
    private static <T> T optional(JsonNode n, String field, String path, T fallback, String source, Predicate<JsonNode> valid,
            String expected, Function<JsonNode, T> value) throws IOException {
        JsonNode v = n.get(field);
        if (v == null) {
            return fallback;
        }
        if (!valid.test(v)) {
            throw new IOException(source + ": field '" + path + "': expected " + expected + ", got " + v);
        }
        return value.apply(v);
    }
}
