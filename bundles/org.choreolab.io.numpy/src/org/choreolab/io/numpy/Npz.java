package org.choreolab.io.numpy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.choreolab.api.InvalidInputException;

/** numpy's {@code .npz} archives ({@code np.savez}): a zip of {@code .npy} files, read by name. */
public final class Npz {

    private Npz() {
    }

    /** Every array of the archive, by name (without {@code .npy}), in archive order. */
    public static Map<String, NdArray> read(Path file) throws IOException {
        Map<String, NdArray> out = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(file.toFile())) {
            for (ZipEntry e : Collections.list(z.entries())) {
                try (InputStream in = z.getInputStream(e)) {
                    out.put(e.getName().replaceAll("\\.npy$", ""), Npy.read(in, file + ":" + e.getName()));
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new InvalidInputException(file.toString(), "", "not a .npz archive (" + e.getMessage() + ")");
        }
        return out;
    }
}
