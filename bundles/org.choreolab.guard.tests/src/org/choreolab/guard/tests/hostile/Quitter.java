package org.choreolab.guard.tests.hostile;

import java.util.function.IntConsumer;

/**
 * Every way the guard rewrites to end the JVM. Never called as compiled: the tests call the rewritten
 * copy, after checking that no exit is left in it.
 */
public final class Quitter {

    private Quitter() {
    }

    public static void systemExit() {
        System.exit(3);
    }

    public static void runtimeExit() {
        Runtime.getRuntime().exit(4);
    }

    public static void runtimeHalt() {
        Runtime.getRuntime().halt(5);
    }

    public static void reference() {
        IntConsumer c = System::exit;
        c.accept(6);
    }

    public static void boundReference() {
        IntConsumer c = Runtime.getRuntime()::halt;
        c.accept(7);
    }

    public static int harmless() {
        return 42;
    }
}
