package org.choreolab.guard;

import org.osgi.framework.FrameworkUtil;

/**
 * What a third-party class calls instead of {@code System.exit}, {@code Runtime.exit} and
 * {@code Runtime.halt} once the guard has rewritten it: each throws an {@link ExitRefusedException}.
 * Public because rewritten classes link against it (the guard adds a dynamic import of this package);
 * nothing else should call it.
 */
public final class Exits {

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private Exits() {
    }

    /** Replaces {@code System.exit(status)} in a class of {@code bundle}. */
    public static void systemExit(int status, String bundle) {
        throw new ExitRefusedException(bundle, "System.exit(" + status + ")");
    }

    /** Replaces {@code runtime.exit(status)} in a class of {@code bundle}. */
    public static void runtimeExit(Runtime runtime, int status, String bundle) {
        throw new ExitRefusedException(bundle, "Runtime.exit(" + status + ")");
    }

    /** Replaces {@code runtime.halt(status)} in a class of {@code bundle}. */
    public static void runtimeHalt(Runtime runtime, int status, String bundle) {
        throw new ExitRefusedException(bundle, "Runtime.halt(" + status + ")");
    }

    // Method references (System::exit) become these: a handle carries no bundle name, so the caller's
    // bundle is found on the stack.

    /** Replaces a method reference to {@code System.exit}. */
    public static void systemExit(int status) {
        systemExit(status, callerBundle());
    }

    /** Replaces a method reference to {@code Runtime.exit}. */
    public static void runtimeExit(Runtime runtime, int status) {
        runtimeExit(runtime, status, callerBundle());
    }

    /** Replaces a method reference to {@code Runtime.halt}. */
    public static void runtimeHalt(Runtime runtime, int status) {
        runtimeHalt(runtime, status, callerBundle());
    }

    private static String callerBundle() {
        return WALKER.walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                .filter(c -> c != Exits.class)
                .map(FrameworkUtil::getBundle)
                .filter(b -> b != null && ThirdParty.isThirdParty(b))
                .findFirst()
                .map(ThirdParty::label)
                .orElse("a third-party bundle"));
    }
}
