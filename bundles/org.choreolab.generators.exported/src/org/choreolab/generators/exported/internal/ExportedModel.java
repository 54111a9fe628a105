package org.choreolab.generators.exported.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The descriptor beside an exported model file ({@code model.json}; docs/EXTENDING.md): which engine
 * runs the file, its frame rate, the motion window it reads (FACT's 225-d frames), the music encoder
 * and window, how many frames it predicts and how many of those are kept per step.
 */
public record ExportedModel(String id, String name, String description, String engine, String file, double fps,
        int motionFrames, String musicEncoder, int musicFrames, int outputFrames, int keep, String source) {

    static final Set<String> ENGINES = Set.of("PyTorch", "OnnxRuntime", "MXNet");

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
        String id = text(n, "id", source);
        if (!id.matches("[a-z0-9][a-z0-9._-]*")) {
            throw new IOException(source + ": field 'id': expected lower-case letters, digits, '.', '_' or '-', got '" + id + "'");
        }
        String engine = text(n, "engine", source);
        if (!ENGINES.contains(engine)) {
            throw new IOException(source + ": field 'engine': expected one of " + ENGINES + ", got '" + engine + "'");
        }
        JsonNode motion = object(n, "motion", source), music = object(n, "music", source), output = object(n, "output", source);
        String rep = motion.path("representation").asText("fact225");
        if (!rep.equals("fact225")) {
            throw new IOException(source + ": field 'motion.representation': only fact225 is supported, got '" + rep + "'");
        }
        int motionFrames = positive(motion, "frames", "motion.frames", source);
        int outFrames = positive(output, "frames", "output.frames", source);
        int keep = output.has("keep") ? positive(output, "keep", "output.keep", source) : outFrames;
        if (keep > outFrames || keep > motionFrames) {
            throw new IOException(source + ": field 'output.keep': at most output.frames and motion.frames, got " + keep);
        }
        double fps = n.path("fps").asDouble(60);
        if (!(fps > 0)) {
            throw new IOException(source + ": field 'fps': expected a positive frame rate");
        }
        return new ExportedModel(id, n.path("name").asText(id), n.path("description").asText(""), engine,
                text(n, "file", source), fps, motionFrames, music.path("encoder").asText("fact35"),
                positive(music, "frames", "music.frames", source), outFrames, keep, source);
    }

    private static String text(JsonNode n, String field, String source) throws IOException {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IOException(source + ": field '" + field + "': expected a non-empty string");
        }
        return v.asText();
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
        if (v == null || !v.canConvertToInt() || v.asInt() <= 0) {
            throw new IOException(source + ": field '" + path + "': expected a positive whole number");
        }
        return v.asInt();
    }

    /** The model file, relative to the descriptor's folder. */
    public Path resolve(Path descriptorDir) {
        return descriptorDir.resolve(file);
    }
}
