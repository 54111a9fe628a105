package org.choreolab.core;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run at a time in an output folder: {@code evaluate} takes the folder's lock before it reads
 * what is there, and a second run on the same {@code --out} (another process, on this machine or
 * another one sharing the folder, or this process) is refused with who holds it. The lock file
 * ({@value #FILE}) says "pid P on host H since T".
 *
 * <p>The lock itself is the operating system's ({@code fcntl} through {@link FileChannel#tryLock}),
 * which the kernel releases when its holder dies, even by {@code kill -9}: a stale file never blocks.
 * On a file system without locks (some network mounts refuse them), the file's existence is the lock,
 * and a file naming a process of this host that is gone is stale and taken over.
 */
public final class OutputLock implements AutoCloseable {

    public static final String FILE = ".choreolab.lock";

    private static final Pattern OWNER = Pattern.compile("pid (\\d+) on host (\\S+)");

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes {@code dir} (created if absent) for this process.
     *
     * @throws IOException "DIR is in use by another run (pid P on host H since T): …" when another run
     *                     holds it; or why the lock file cannot be written
     */
    public static OutputLock acquire(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // this JVM holds it: another run of this process (the workbench)
        } catch (IOException e) {
            ch.close();
            return withoutLocks(dir, file);
        }
        if (lock == null) {
            String owner = owner(ch);
            ch.close();
            throw inUse(dir, owner);
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap(me().getBytes(StandardCharsets.UTF_8)), 0);
        ch.force(false);
        return new OutputLock(file, ch, lock);
    }

    /** The fallback for file systems that refuse locks: the file is the lock; a dead local owner's is stale. */
    private static OutputLock withoutLocks(Path dir, Path file) throws IOException {
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                Files.writeString(file, me(), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return new OutputLock(file, null, null);
            } catch (FileAlreadyExistsException e) {
                String owner = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (owner.isEmpty() || !stale(owner)) {
                    throw inUse(dir, owner);
                }
                Files.deleteIfExists(file); // its process is gone: take it over
            }
        }
        throw inUse(dir, Files.readString(file, StandardCharsets.UTF_8).trim());
    }

    /** Whether {@code owner} ("pid P on host H …") names a process of this host that no longer runs. */
    static boolean stale(String owner) {
        Matcher m = OWNER.matcher(owner);
        if (!m.find() || !m.group(2).equals(host())) {
            return false; // another host's process cannot be checked from here
        }
        return ProcessHandle.of(Long.parseLong(m.group(1))).map(p -> !p.isAlive()).orElse(true);
    }

    private static IOException inUse(Path dir, String owner) {
        return new IOException(dir + " is in use by another run" + (owner.isEmpty() ? "" : " (" + owner + ")")
                + ": wait for it to finish, or choose another --out (delete " + dir.resolve(FILE)
                + " only if no such run exists)");
    }

    private static String owner(FileChannel ch) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(512);
        ch.read(b, 0);
        return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).trim();
    }

    private static String me() {
        return "pid " + ProcessHandle.current().pid() + " on host " + host() + " since " + Instant.now() + "\n";
    }

    static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String h = System.getenv("HOSTNAME");
            return h == null ? "localhost" : h;
        }
    }

    /** Gives the folder back (the file stays, empty: deleting it could race with the next run taking it). */
    @Override
    public void close() throws IOException {
        if (channel == null) {
            Files.deleteIfExists(file);
            return;
        }
        try {
            channel.truncate(0);
            lock.release();
        } finally {
            channel.close();
        }
    }
}
