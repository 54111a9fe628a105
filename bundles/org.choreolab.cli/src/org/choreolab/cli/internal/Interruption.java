package org.choreolab.cli.internal;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * What a long command says when it is stopped (Ctrl-C, a SIGTERM from a scheduler): that it stopped,
 * what is kept, and the exact command that resumes it. A JVM shutdown hook while the command runs,
 * removed when it ends normally.
 */
final class Interruption implements AutoCloseable {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=,@%+-]+");

    private final Thread hook;

    private Interruption(Thread hook) {
        this.hook = hook;
    }

    /** Prints {@code message} to {@code err} if the JVM shuts down before {@link #close}. */
    static Interruption install(PrintWriter err, Supplier<String> message) {
        Thread t = new Thread(() -> {
            err.println();
            err.println(message.get());
            err.flush();
        }, "choreolab-interrupted");
        try {
            Runtime.getRuntime().addShutdownHook(t);
        } catch (IllegalStateException e) {
            // Already shutting down: nothing to announce later.
        }
        return new Interruption(t);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Shutting down: the hook runs (or ran); the command was stopped all the same.
        }
    }

    /**
     * The program as the user called it ({@code ./choreolab} from a checkout, which passes it on), else the
     * product's launcher script, else {@code choreolab}.
     */
    static String launcher() {
        return System.getProperty("choreolab.command", System.getProperty("choreolab.launcher", "choreolab"));
    }

    /**
     * The command that goes on where a stopped run left off: the same arguments, without {@code --fresh}
     * (which would discard what was done), with {@code --out} the absolute output folder.
     */
    static String resumeCommand(String launcher, List<String> args, Path out) {
        List<String> a = new ArrayList<>();
        boolean outSeen = false;
        for (int i = 0; i < args.size(); i++) {
            String x = args.get(i);
            if (x.equals("--fresh")) {
                continue;
            }
            if (x.equals("--out") || x.startsWith("--out=")) {
                if (x.equals("--out")) {
                    i++;
                }
                if (!outSeen) {
                    a.add("--out");
                    a.add(out.toAbsolutePath().normalize().toString());
                    outSeen = true;
                }
                continue;
            }
            a.add(x);
        }
        if (!outSeen) {
            a.add("--out");
            a.add(out.toAbsolutePath().normalize().toString());
        }
        StringBuilder b = new StringBuilder(quote(launcher));
        a.forEach(x -> b.append(' ').append(quote(x)));
        return b.toString();
    }

    /** The message of a stopped {@code evaluate}. */
    static String evaluateStopped(String launcher, List<String> args, Path out, int kept) {
        return "choreolab evaluate: stopped. " + kept + " sequence result" + (kept == 1 ? " is" : "s are") + " kept in "
                + out.toAbsolutePath().normalize().resolve("sequences.jsonl") + "; nothing finished is lost.\n"
                + "Resume with:\n  " + resumeCommand(launcher, args, out);
    }

    /** The message of a stopped {@code generate}. */
    static String generateStopped(String launcher, List<String> args, Path out, int written) {
        return "choreolab generate: stopped. " + written + " clip" + (written == 1 ? " is" : "s are") + " written in "
                + out.toAbsolutePath().normalize() + "; clips already written are not generated again.\n"
                + "Resume with:\n  " + resumeCommand(launcher, args, out);
    }

    /** An argument as sh reads it back unchanged. */
    static String quote(String s) {
        if (!s.isEmpty() && PLAIN.matcher(s).matches()) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
