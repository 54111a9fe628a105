package org.choreolab.guard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import org.choreolab.guard.ExitRefusedException;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The rewrite itself, on a class compiled by javac that ends the JVM in every way the guard knows:
 * no exit is left in the rewritten class, and each former exit throws an exception naming the bundle.
 */
class ExitRewriterTest {

    static final String QUITTER = "org/choreolab/guard/tests/hostile/Quitter";

    static byte[] bytes(String internalName) throws IOException {
        try (InputStream in = ExitRewriterTest.class.getClassLoader().getResourceAsStream(internalName + ".class")) {
            assertNotNull(in, internalName + ".class should be in the test fragment");
            return in.readAllBytes();
        }
    }

    /** Every call or method handle left in the class that ends the JVM, as "owner.name". */
    static List<String> exitsIn(byte[] classFile) {
        List<String> found = new ArrayList<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String d, String s, String[] e) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int op, String owner, String m, String desc, boolean itf) {
                        if (ExitRewriter.target(op, owner, m, desc) != null) {
                            found.add(owner + "." + m);
                        }
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String n, String desc, Handle bsm, Object... args) {
                        for (Object a : args) {
                            if (a instanceof Handle h && (h.getOwner().equals("java/lang/System") || h.getOwner().equals("java/lang/Runtime"))
                                    && (h.getName().equals("exit") || h.getName().equals("halt"))) {
                                found.add(h.getOwner() + "." + h.getName() + " (handle)");
                            }
                        }
                    }
                };
            }
        }, 0);
        return found;
    }

    /** Defines the rewritten class in a loader of its own that sees the guard's package. */
    static Class<?> define(byte[] classFile) {
        return new ClassLoader(ExitRewriterTest.class.getClassLoader()) {
            Class<?> define() {
                return defineClass(null, classFile, 0, classFile.length);
            }
        }.define();
    }

    static Throwable call(Class<?> c, String method) throws ReflectiveOperationException {
        Method m = c.getMethod(method);
        InvocationTargetException e = assertThrows(InvocationTargetException.class, () -> m.invoke(null), method + " should throw");
        return e.getCause();
    }

    @Test
    void theCompiledClassEndsTheJvmFiveWays() throws IOException {
        // The fixture is what the test believes it is: five exits before the rewrite.
        assertEquals(5, exitsIn(bytes(QUITTER)).size(), exitsIn(bytes(QUITTER)).toString());
    }

    @Test
    void everyExitBecomesAnExceptionNamingTheBundle() throws Exception {
        byte[] out = ExitRewriter.rewrite(bytes(QUITTER), "org.example.hostile 1.2.3");
        assertNotNull(out, "a class calling System.exit should be rewritten");
        assertEquals(List.of(), exitsIn(out), "no exit should be left in the rewritten class");
        Class<?> c = define(out);
        assertEquals(42, c.getMethod("harmless").invoke(null), "the rest of the class should work as before");
        String[][] cases = {{"systemExit", "System.exit(3)"}, {"runtimeExit", "Runtime.exit(4)"}, {"runtimeHalt", "Runtime.halt(5)"}};
        for (String[] k : cases) {
            Throwable t = call(c, k[0]);
            assertInstanceOf(ExitRefusedException.class, t, k[0]);
            assertEquals("org.example.hostile 1.2.3 called " + k[1] + ": refused (a third-party bundle may not end Choreolab)",
                    t.getMessage());
        }
        // Method references carry no bundle name; outside a framework bundle the caller is unnamed.
        Throwable ref = call(c, "reference");
        assertInstanceOf(ExitRefusedException.class, ref);
        assertTrue(ref.getMessage().contains("called System.exit(6)"), ref.getMessage());
        Throwable bound = call(c, "boundReference");
        assertInstanceOf(ExitRefusedException.class, bound);
        assertTrue(bound.getMessage().contains("called Runtime.halt(7)"), bound.getMessage());
    }

    @Test
    void aClassWithoutExitsIsLeftAlone() throws IOException {
        assertNull(ExitRewriter.rewrite(bytes("org/choreolab/guard/internal/ExitRewriterTest"), "x 1"));
    }

    @Test
    void aClassNewerThanAsmKnowsIsRewrittenAndKeepsItsVersion() throws IOException {
        byte[] in = bytes(QUITTER);
        int newer = ExitRewriter.READABLE_MAJOR + 4;
        in[6] = (byte) (newer >> 8);
        in[7] = (byte) newer;
        byte[] out = ExitRewriter.rewrite(in, "x 1");
        assertNotNull(out);
        assertEquals(newer, ((out[6] & 0xFF) << 8) | (out[7] & 0xFF), "the class file version should be kept");
        out[6] = (byte) (ExitRewriter.READABLE_MAJOR >> 8);
        out[7] = (byte) ExitRewriter.READABLE_MAJOR;
        assertEquals(List.of(), exitsIn(out));
    }
}
