package org.choreolab.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.choreolab.api.data.Dataset;
import org.choreolab.api.data.DatasetReader;

/** Opens a dataset with whichever installed reader recognises it. */
public final class Datasets {

    private Datasets() {
    }

    /**
     * Opens {@code location} with the first installed reader that accepts it, or, when
     * {@code location} is empty, the embedded dataset of the first reader that ships one.
     */
    public static Dataset open(ComponentRegistry registry, String location, boolean failFast) throws IOException {
        List<DatasetReader> readers = registry.services(DatasetReader.class);
        if (readers.isEmpty()) {
            throw new IOException("no dataset reader is installed");
        }
        if (location == null || location.isEmpty()) {
            for (DatasetReader r : readers) {
                var embedded = r.openEmbedded();
                if (embedded.isPresent()) {
                    return embedded.get();
                }
            }
            throw new IOException("no installed dataset reader ships an embedded dataset; give a dataset folder");
        }
        Path root = Path.of(location);
        if (!Files.isDirectory(root)) {
            throw new IOException(location + ": not a folder (expected a dataset folder)");
        }
        for (DatasetReader r : readers) {
            if (r.accepts(root)) {
                return r.open(root, failFast);
            }
        }
        throw new IOException(location + ": no installed dataset reader recognises this folder (readers: "
                + readers.stream().map(DatasetReader::id).toList() + ")");
    }
}
