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
import org.choreolab.io.numpy.internal.Input;

/** numpy's {@code .npz} archives ({@code np.savez}): a zip of {@code .npy} files, read by name. */
public final class Npz {

    private Npz() {
    }

    /**
     * Every array of the archive, by name (without {@code .npy}), in archive order. Only a regular
     * file is opened; the arrays together may not decompress to more than
     * {@link ReadLimits#maxFileBytes()}.
     */
    public static Map<String, NdArray> read(Path file) throws IOException {
        return read(file, ReadLimits.DEFAULT);
    }

    public static Map<String, NdArray> read(Path file, ReadLimits limits) throws IOException {
        Input.checkRegularFile(file, limits);
        Map<String, NdArray> out = new LinkedHashMap<>();
        long left = limits.maxFileBytes();
        try (ZipFile z = new ZipFile(file.toFile())) {
            for (ZipEntry e : Collections.list(z.entries())) {
                if (e.isDirectory()) {
                    continue;
                }
                if (out.size() >= limits.maxValues()) {
                    throw new InvalidInputException(file.toString(), "", "more than " + limits.maxValues() + " arrays (ReadLimits.maxValues)");
                }
                String source = file + ":" + e.getName();
                try (InputStream in = z.getInputStream(e)) {
                    // What a zip entry declares can be false: the bytes are counted as they come.
                    ReadLimits remaining = new ReadLimits(Math.max(1, left), limits.maxDepth(), limits.maxValues(), limits.maxArrayItems());
                    byte[] b = Input.readBounded(in, source, remaining);
                    left -= b.length;
                    out.put(e.getName().replaceAll("\\.npy$", ""), Npy.read(new java.io.ByteArrayInputStream(b), source, limits));
                }
            }
        } catch (java.util.zip.ZipException e) {
            throw new InvalidInputException(file.toString(), "", "not a readable .npz (zip) archive");
        }
        return out;
    }
}
