package org.choreolab.io.numpy.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.choreolab.api.InvalidInputException;
import org.choreolab.io.numpy.ReadLimits;

/**
 * Bounded reading. Files are read whole, once, and only when they are regular files: a named pipe
 * would block for ever, a device such as /dev/zero never ends.
 */
public final class Input {

    private Input() {
    }

    /** Refuses anything but a regular file (symbolic links to one are followed) of at most {@code limits.maxFileBytes()}. */
    public static long checkRegularFile(Path file, ReadLimits limits) throws IOException {
        if (!Files.isRegularFile(file)) {
            String found = Files.isDirectory(file) ? "a folder" : Files.exists(file) ? "not a regular file (a named pipe, device or socket)"
                    : "missing";
            throw new InvalidInputException(file.toString(), "", found + ": expected a regular file");
        }
        long size = Files.size(file);
        if (size > limits.maxFileBytes()) {
            throw new InvalidInputException(file.toString(), "", "the file has " + size + " bytes, more than the " + limits.maxFileBytes()
                    + " a data file may have (ReadLimits.maxFileBytes)");
        }
        return size;
    }

    /** The bytes of a regular file, checked as {@link #checkRegularFile} does. */
    public static byte[] readRegularFile(Path file, ReadLimits limits) throws IOException {
        long size = checkRegularFile(file, limits);
        try (InputStream in = Files.newInputStream(file)) {
            // Never more than the size seen: a file that grows while it is read is cut there.
            return in.readNBytes((int) size);
        }
    }

    /** At most {@code limits.maxFileBytes()} bytes of a stream, read in chunks (nothing is allocated up front). */
    public static byte[] readBounded(InputStream in, String source, ReadLimits limits) throws IOException {
        byte[] b = in.readNBytes((int) limits.maxFileBytes() + 1);
        if (b.length > limits.maxFileBytes()) {
            throw new InvalidInputException(source, "", "more than the " + limits.maxFileBytes()
                    + " bytes a data file may have (ReadLimits.maxFileBytes)");
        }
        return b;
    }

    /**
     * Text from a file made fit for a one-line message: control characters shown as '?', at most
     * {@code max} characters (then '…').
     */
    public static String printable(String s, int max) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), max) + 1);
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f || Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '?' : c);
        }
        return s.length() > max ? b.append('…').toString() : b.toString();
    }

    /** The keys of a dict for a message: at most ten, each printable and short. */
    public static String keys(java.util.Collection<?> keys) {
        java.util.List<String> shown = new java.util.ArrayList<>();
        for (Object k : keys) {
            if (shown.size() == 10) {
                shown.add("… " + (keys.size() - 10) + " more");
                break;
            }
            shown.add(k instanceof String s ? printable(s, 40) : typeName(k));
        }
        return shown.toString();
    }

    /** Python's name for the type of a value read from a pickle, for messages (never a Java class name). */
    public static String typeName(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof String) {
            return "str";
        }
        if (o instanceof byte[]) {
            return "bytes";
        }
        if (o instanceof Boolean) {
            return "bool";
        }
        if (o instanceof Double || o instanceof Float) {
            return "float";
        }
        if (o instanceof Number) {
            return "int";
        }
        if (o instanceof Object[]) {
            return "tuple";
        }
        if (o instanceof java.util.List) {
            return "list";
        }
        if (o instanceof java.util.Map) {
            return "dict";
        }
        if (o instanceof java.util.Set) {
            return "set";
        }
        if (o instanceof org.choreolab.io.numpy.NdArray a) {
            return "numpy array " + a.shapeString() + " " + a.dtype();
        }
        if (o instanceof org.choreolab.io.numpy.ObjectArray a) {
            return "numpy object array " + a.shapeString();
        }
        return "numpy internal value";
    }
}
