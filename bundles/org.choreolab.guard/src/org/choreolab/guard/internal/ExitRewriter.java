package org.choreolab.guard.internal;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites a class's calls that end the JVM into calls of {@link org.choreolab.guard.Exits}, which
 * throw instead: {@code System.exit(I)}, {@code Runtime.exit(I)} and {@code Runtime.halt(I)}, called
 * directly (the bundle's name is pushed as a constant beside the status) or as method references
 * (handles in {@code invokedynamic} arguments and {@code ldc}). Reflection and method handles looked
 * up at run time are not seen; the worker process that runs third-party generators is the second line.
 */
public final class ExitRewriter {

    static final String EXITS = "org/choreolab/guard/Exits";

    /**
     * The newest class-file version the bundled ASM reads. Newer classes are read as if they were this
     * version and written back with their own: the rewrite touches no construct that changed since.
     */
    static final int READABLE_MAJOR = Opcodes.V21 & 0xFFFF;

    private ExitRewriter() {
    }

    /**
     * The class with its exits rewritten, or null when it makes none.
     *
     * @param bundle the bundle's "symbolic-name version", named by the exception
     */
    public static byte[] rewrite(byte[] classFile, String bundle) {
        if (!mentionsExit(classFile)) {
            return null;
        }
        int major = ((classFile[6] & 0xFF) << 8) | (classFile[7] & 0xFF);
        byte[] in = classFile;
        if (major > READABLE_MAJOR) {
            in = classFile.clone();
            in[6] = (byte) (READABLE_MAJOR >> 8);
            in[7] = (byte) READABLE_MAJOR;
        }
        ClassReader reader = new ClassReader(in);
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        boolean[] changed = {false};
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public void visit(int version, int access, String name, String signature, String superName, String[] interfaces) {
                // Written back with the version it came with (minor version and preview bits included).
                int original = major > READABLE_MAJOR ? (version & 0xFFFF0000) | major : version;
                super.visit(original, access, name, signature, superName, interfaces);
            }

            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9, super.visitMethod(access, name, descriptor, signature, exceptions)) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String method, String desc, boolean itf) {
                        String target = target(opcode, owner, method, desc);
                        if (target == null) {
                            super.visitMethodInsn(opcode, owner, method, desc, itf);
                            return;
                        }
                        changed[0] = true;
                        super.visitLdcInsn(bundle);
                        super.visitMethodInsn(Opcodes.INVOKESTATIC, EXITS, target, opcode == Opcodes.INVOKESTATIC
                                ? "(ILjava/lang/String;)V" : "(Ljava/lang/Runtime;ILjava/lang/String;)V", false);
                    }

                    @Override
                    public void visitInvokeDynamicInsn(String name, String desc, Handle bootstrap, Object... args) {
                        Object[] out = args.clone();
                        for (int i = 0; i < out.length; i++) {
                            out[i] = handle(out[i], changed);
                        }
                        super.visitInvokeDynamicInsn(name, desc, bootstrap, out);
                    }

                    @Override
                    public void visitLdcInsn(Object value) {
                        super.visitLdcInsn(handle(value, changed));
                    }
                };
            }
        }, 0);
        return changed[0] ? writer.toByteArray() : null;
    }

    /** The {@code Exits} method replacing this call, or null when it is not an exit. */
    static String target(int opcode, String owner, String name, String desc) {
        if (!"(I)V".equals(desc)) {
            return null;
        }
        if (opcode == Opcodes.INVOKESTATIC && "java/lang/System".equals(owner) && "exit".equals(name)) {
            return "systemExit";
        }
        if (opcode == Opcodes.INVOKEVIRTUAL && "java/lang/Runtime".equals(owner)) {
            return "exit".equals(name) ? "runtimeExit" : "halt".equals(name) ? "runtimeHalt" : null;
        }
        return null;
    }

    /** A method handle to an exit, pointed at {@code Exits} (which names the caller's bundle itself). */
    private static Object handle(Object value, boolean[] changed) {
        if (!(value instanceof Handle h)) {
            return value;
        }
        int opcode = switch (h.getTag()) {
            case Opcodes.H_INVOKESTATIC -> Opcodes.INVOKESTATIC;
            case Opcodes.H_INVOKEVIRTUAL -> Opcodes.INVOKEVIRTUAL;
            default -> -1;
        };
        String target = opcode < 0 ? null : target(opcode, h.getOwner(), h.getName(), h.getDesc());
        if (target == null) {
            return value;
        }
        changed[0] = true;
        return new Handle(Opcodes.H_INVOKESTATIC, EXITS, target,
                opcode == Opcodes.INVOKESTATIC ? "(I)V" : "(Ljava/lang/Runtime;I)V", false);
    }

    /**
     * Whether the class's constant pool can refer to an exit at all: both "exit" or "halt" and
     * "java/lang/System" or "java/lang/Runtime" occur as bytes. Most classes do not, and are not parsed.
     */
    static boolean mentionsExit(byte[] b) {
        return (contains(b, "java/lang/System") || contains(b, "java/lang/Runtime"))
                && (contains(b, "exit") || contains(b, "halt"));
    }

    private static boolean contains(byte[] b, String ascii) {
        byte[] p = ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + p.length <= b.length; i++) {
            for (int j = 0; j < p.length; j++) {
                if (b[i + j] != p[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
