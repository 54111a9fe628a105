package org.choreolab.core.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

import org.choreolab.api.audio.AudioFeatures;

/**
 * Encoded music shared by every generator, request and run of one platform: a track is encoded once
 * per encoder, frame rate and music id, however many sequences dance to it. Bounded by the memory its
 * features take (least recently used first out), so a dataset with more music than fits is encoded
 * again rather than exhausting the heap. Keyed by the file's identity (path, size, modification
 * time), so a replaced file is encoded afresh, and by the encoder's providing bundle and its
 * modification time, so an updated encoder is not answered from its predecessor's features.
 * Concurrent requests for one key wait for a single encoding; failures are not kept.
 */
final class MusicCache {

    /** System property: the cache's budget in MB (default: an eighth of the heap, at most 1 GB). */
    static final String BUDGET_PROPERTY = "choreolab.music.cacheMB";

    record Key(Path file, long size, long modified, String encoder, String encoderOrigin, double fps, String musicId) {

        static Key of(Path file, String encoder, String encoderOrigin, double fps, String musicId) throws IOException {
            Path p = file.toAbsolutePath().normalize();
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(p, BasicFileAttributes.class);
            } catch (IOException e) {
                throw new IOException(file + ": cannot read the music file (" + e.getMessage() + ")", e);
            }
            return new Key(p, a.size(), a.lastModifiedTime().toMillis(), encoder, encoderOrigin, fps, musicId);
        }
    }

    private final long budget;
    private final LinkedHashMap<Key, AudioFeatures> entries = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<Key, FutureTask<AudioFeatures>> loading = new HashMap<>();
    private long bytes;

    MusicCache(long budgetBytes) {
        this.budget = budgetBytes;
    }

    static long defaultBudget() {
        String mb = System.getProperty(BUDGET_PROPERTY);
        if (mb != null && !mb.isBlank()) {
            try {
                return Math.max(0, Long.parseLong(mb.trim())) << 20;
            } catch (NumberFormatException e) {
                System.err.println("choreolab: -D" + BUDGET_PROPERTY + "=" + mb + ": expected a whole number of MB; using the default");
            }
        }
        return Math.min(1L << 30, Runtime.getRuntime().maxMemory() / 8);
    }

    static long sizeOf(AudioFeatures f) {
        return 4L * f.frameCount() * f.dimensions() + 128;
    }

    /** The features for {@code key}, encoding them with {@code encode} when not held. */
    AudioFeatures get(Key key, Callable<AudioFeatures> encode) throws IOException {
        FutureTask<AudioFeatures> task;
        boolean mine = false;
        synchronized (this) {
            AudioFeatures held = entries.get(key);
            if (held != null) {
                return held;
            }
            task = loading.get(key);
            if (task == null) {
                task = new FutureTask<>(encode);
                loading.put(key, task);
                mine = true;
            }
        }
        if (mine) {
            task.run();
        }
        try {
            AudioFeatures f = task.get();
            if (mine) {
                put(key, f);
            }
            return f;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the music of " + key.file().getFileName() + " was encoded");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IOException(c);
        } finally {
            if (mine) {
                synchronized (this) {
                    loading.remove(key);
                }
            }
        }
    }

    private synchronized void put(Key key, AudioFeatures f) {
        long size = sizeOf(f);
        if (size > budget || entries.containsKey(key)) {
            return;
        }
        entries.put(key, f);
        bytes += size;
        Iterator<Map.Entry<Key, AudioFeatures>> it = entries.entrySet().iterator();
        while (bytes > budget && it.hasNext()) {
            Map.Entry<Key, AudioFeatures> oldest = it.next();
            bytes -= sizeOf(oldest.getValue());
            it.remove();
        }
    }

    /** Bytes held now. */
    synchronized long bytes() {
        return bytes;
    }

    /** Tracks held now. */
    synchronized int size() {
        return entries.size();
    }

    synchronized void clear() {
        entries.clear();
        bytes = 0;
    }
}
