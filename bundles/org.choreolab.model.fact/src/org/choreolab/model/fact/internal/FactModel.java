package org.choreolab.model.fact.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

import org.choreolab.api.model.NetworkCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A trained FACT on disk: {@code fact.json} (the shape, how it was trained, and the {@link Feedback}
 * it is meant to be run with) beside {@code fact.params} (DJL's parameter format, the same for every
 * engine).
 *
 * <p>{@code fact.json}: {@code "config"} (FACT's shape options, {@link FactConfig#of}),
 * {@code "feedback"} ({@code "raw"}, mint's, or {@code "projected"}; absent: {@link #DEFAULT_FEEDBACK},
 * what models written before the key existed were trained for; read under {@code "trained"} too), {@code "trained"} (how it
 * was made: data, options, epochs, time).
 */
public record FactModel(Path dir, FactConfig config, JsonNode info) {

    public static final String JSON = "fact.json";
    public static final String PARAMS = "fact.params";
    /** Where FACT's network classes are: this bundle's loader, read by the engine's loader. */
    public static final NetworkCode CODE = new NetworkCode(FactModel.class.getClassLoader(),
            "org.choreolab.model.fact.network.FactNetworkFactory");

    /**
     * The feedback of a model whose {@code fact.json} names none: projected, what {@code train fact}
     * trained for (with input noise) before the key existed.
     */
    public static final Feedback DEFAULT_FEEDBACK = Feedback.PROJECTED;

    private static final ObjectMapper JSON_MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Path params() {
        return dir.resolve(PARAMS);
    }

    /** One line for tables: what it was trained on. */
    public String trainedOn() {
        return info.path("trained").path("dataset").asText("unknown data");
    }

    /** The feedback this model is meant to be run with (validated by {@link #read}). */
    public Feedback feedback() {
        JsonNode f = feedbackNode(info);
        return f == null ? DEFAULT_FEEDBACK : Feedback.of(f.asText());
    }

    private static JsonNode feedbackNode(JsonNode info) {
        JsonNode f = info.get(Feedback.KEY);
        if (f == null || f.isNull()) {
            f = info.path("trained").get(Feedback.KEY);
        }
        return f == null || f.isNull() ? null : f;
    }

    public static FactModel read(Path dir) throws IOException {
        Path json = dir.resolve(JSON);
        if (!Files.isRegularFile(json)) {
            throw new IOException(json + ": no FACT model description here (expected " + JSON + " beside " + PARAMS + ")");
        }
        JsonNode node;
        try {
            node = JSON_MAPPER.readTree(json.toFile());
        } catch (IOException e) {
            throw new IOException(json + ": not valid JSON: " + e.getMessage(), e);
        }
        JsonNode cfg = node.get("config");
        if (cfg == null || !cfg.isObject()) {
            throw new IOException(json + ": field 'config' missing; expected an object of FACT's shape options");
        }
        Map<String, String> options = new LinkedHashMap<>();
        cfg.fields().forEachRemaining(e -> options.put(e.getKey(), e.getValue().asText()));
        FactConfig config;
        try {
            config = FactConfig.of(options);
        } catch (IllegalArgumentException e) {
            throw new IOException(json + ": config." + e.getMessage(), e);
        }
        JsonNode feedback = feedbackNode(node);
        if (feedback != null) {
            try {
                if (!feedback.isTextual()) {
                    throw new IllegalArgumentException("expected raw or projected, got " + feedback);
                }
                Feedback.of(feedback.asText());
            } catch (IllegalArgumentException e) {
                throw new IOException(json + ": field '" + Feedback.KEY + "': " + e.getMessage(), e);
            }
        }
        if (!Files.isRegularFile(dir.resolve(PARAMS))) {
            throw new IOException(dir.resolve(PARAMS) + ": parameter file missing");
        }
        return new FactModel(dir, config, node);
    }

    /** Writes {@code fact.json} without a feedback (read as {@link #DEFAULT_FEEDBACK}). */
    public static void writeInfo(Path dir, FactConfig config, Map<String, Object> trained) throws IOException {
        writeInfo(dir, config, null, trained);
    }

    /**
     * Writes {@code fact.json}: the shape, the feedback the model is meant for (e.g. {@link Feedback#RAW}
     * for a model trained or imported as mint's; null: none written) and how it was made.
     */
    public static void writeInfo(Path dir, FactConfig config, Feedback feedback, Map<String, Object> trained) throws IOException {
        ObjectNode root = JSON_MAPPER.createObjectNode();
        root.put("model", "FACT (Li et al. 2021), Choreolab's DJL implementation");
        ObjectNode cfg = root.putObject("config");
        config.toOptions().forEach(cfg::put);
        if (feedback != null) {
            root.put(Feedback.KEY, feedback.id());
        }
        root.set("trained", JSON_MAPPER.valueToTree(trained));
        Files.createDirectories(dir);
        JSON_MAPPER.writeValue(dir.resolve(JSON).toFile(), root);
    }

    /** Copies the model shipped inside this bundle to {@code dir} (once) and reads it. */
    public static FactModel shipped(Path dir) throws IOException {
        if (!Files.isRegularFile(dir.resolve(PARAMS))) {
            Files.createDirectories(dir);
            for (String name : new String[] {JSON, PARAMS}) {
                try (InputStream in = FactModel.class.getResourceAsStream("/model/" + name)) {
                    if (in == null) {
                        throw new IOException("this FACT bundle ships no trained model (model/" + name + " missing)");
                    }
                    Path tmp = Files.createTempFile(dir, name, ".tmp");
                    Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                    Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return read(dir);
    }
}
