package org.choreolab.tools.manifests;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.Remapper;

/**
 * What the checks need of a class file, read with ASM: its name, supertypes, declared members and
 * annotations, and what it refers to in other classes (types, fields and methods, and the interfaces its
 * lambdas implement). Names are internal ({@code org/choreolab/api/Component}).
 */
public final class ClassFile {

    /** A field or method of another class used by this one ({@code kind} is "field" or "method"). */
    public record MemberRef(String kind, String owner, String name, String descriptor) {
        @Override
        public String toString() {
            return owner.replace('/', '.') + (kind.equals("field") ? "." + name : "." + name + descriptor);
        }
    }

    private static final int API = Opcodes.ASM9;

    public final String name;
    public final String superName;
    public final List<String> interfaces = new ArrayList<>();
    /** Declared methods as {@code name + descriptor}. */
    public final Set<String> methods = new LinkedHashSet<>();
    /** Declared fields as {@code name + ":" + descriptor}. */
    public final Set<String> fields = new LinkedHashSet<>();
    /** Types of the class's own annotations, visible or not (e.g. {@code org/osgi/annotation/versioning/ProviderType}). */
    public final Set<String> annotations = new LinkedHashSet<>();
    /** Every type the class names: supertypes, descriptors, signatures, annotations, instructions. */
    public final Set<String> typeRefs = new LinkedHashSet<>();
    public final Set<MemberRef> memberRefs = new LinkedHashSet<>();
    /** Interfaces that this class's lambdas and method references implement (invokedynamic call sites). */
    public final Set<String> lambdaTypes = new LinkedHashSet<>();

    public ClassFile(byte[] bytes) throws IOException {
        ClassReader reader;
        try {
            reader = new ClassReader(bytes);
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new IOException("not a class file ASM can read: " + e, e);
        }
        name = reader.getClassName();
        superName = reader.getSuperName();
        interfaces.addAll(List.of(reader.getInterfaces()));
        // ASM's remapper sees every type name in the class; an identity mapping that records them is the
        // usual way to list a class's dependencies.
        Remapper recorder = new Remapper() {
            @Override
            public String map(String internalName) {
                typeRefs.add(internalName);
                return internalName;
            }
        };
        reader.accept(new ClassRemapper(new Collector(), recorder), ClassReader.SKIP_FRAMES);
        typeRefs.remove(name);
    }

    /** The package of an internal class name, dotted. */
    public static String packageOf(String internalName) {
        int slash = internalName.lastIndexOf('/');
        return slash < 0 ? "" : internalName.substring(0, slash).replace('/', '.');
    }

    private final class Collector extends ClassVisitor {

        Collector() {
            super(API);
        }

        @Override
        public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
            annotations.add(Type.getType(descriptor).getInternalName());
            return new AnnotationVisitor(API) { // so that the remapper walks its values' types too
            };
        }

        @Override
        public FieldVisitor visitField(int access, String fieldName, String descriptor, String signature, Object value) {
            fields.add(fieldName + ":" + descriptor);
            return new FieldVisitor(API) { // so that the remapper walks its annotations' types too
            };
        }

        @Override
        public MethodVisitor visitMethod(int access, String methodName, String descriptor, String signature,
                String[] exceptions) {
            methods.add(methodName + descriptor);
            return new MethodVisitor(API) {
                @Override
                public void visitFieldInsn(int opcode, String owner, String member, String desc) {
                    use("field", owner, member, desc);
                }

                @Override
                public void visitMethodInsn(int opcode, String owner, String member, String desc, boolean itf) {
                    use("method", owner, member, desc);
                }

                @Override
                public void visitInvokeDynamicInsn(String member, String desc, Handle bootstrap, Object... args) {
                    Type result = Type.getReturnType(desc);
                    if (result.getSort() == Type.OBJECT) {
                        lambdaTypes.add(result.getInternalName());
                    }
                    for (Object a : args) {
                        if (a instanceof Handle h) {
                            use(h.getTag() <= Opcodes.H_PUTSTATIC ? "field" : "method", h.getOwner(), h.getName(),
                                    h.getDesc());
                        }
                    }
                }

                @Override
                public void visitLdcInsn(Object constant) {
                    if (constant instanceof Handle h) {
                        use(h.getTag() <= Opcodes.H_PUTSTATIC ? "field" : "method", h.getOwner(), h.getName(), h.getDesc());
                    }
                }
            };
        }

        private void use(String kind, String owner, String member, String desc) {
            if (!owner.startsWith("[")) { // array clone() and friends
                memberRefs.add(new MemberRef(kind, owner, member, desc));
            }
        }
    }
}
