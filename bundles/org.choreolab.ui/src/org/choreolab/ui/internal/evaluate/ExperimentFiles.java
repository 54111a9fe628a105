package org.choreolab.ui.internal.evaluate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.choreolab.core.Experiment;
import org.choreolab.ui.internal.UiPrefs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Experiment files: the JSON {@code choreolab evaluate --config} reads (the record's fields, as the
 * command line writes them), and the recently used ones (File › Open Recent).
 */
final class ExperimentFiles {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final int RECENT = 8;

    private ExperimentFiles() {
    }

    /** Reads a file; the exception's message is one line naming the file and what is wrong. */
    static Experiment read(Path file) throws IOException {
        try {
            return JSON.readValue(file.toFile(), Experiment.class);
        } catch (IOException e) {
            String first = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new IOException(file + ": " + first, e);
        }
    }

    static void write(Experiment ex, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        JSON.writeValue(file.toFile(), ex);
    }

    static String toJson(Experiment ex) {
        try {
            return JSON.writeValueAsString(ex);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The experiment in {@code json}, or null when it does not read. */
    static Experiment fromJson(String json) {
        try {
            return json == null || json.isBlank() ? null : JSON.readValue(json, Experiment.class);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static void remember(Path file) {
        UiPrefs.remember(UiPrefs.RECENT_EXPERIMENTS, file.toAbsolutePath().toString(), RECENT);
    }

    /** The recent files that still exist, newest first. */
    static List<Path> recent() {
        return UiPrefs.list(UiPrefs.RECENT_EXPERIMENTS).stream().map(Path::of).filter(Files::isRegularFile).toList();
    }
}
