package org.choreolab.tools.manifests;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the checks need of a class file, read from its bytes (JVMS chapter 4): its name, supertypes,
 * declared members and type annotations, and what it refers to in other classes (types, fields and
 * methods, and the interfaces its lambdas implement). Names are internal ({@code org/choreolab/api/Component}).
 */
public final class ClassFile {

    /** A field or method of another class used by this one ({@code kind} is "field" or "method"). */
    public record MemberRef(String kind, String owner, String name, String descriptor) {
        @Override
        public String toString() {
            return owner.replace('/', '.') + (kind.equals("field") ? "." + name : "." + name + descriptor);
        }
    }

    private static final Pattern TYPE_IN_DESCRIPTOR = Pattern.compile("L([A-Za-z_$][\\w$]*(?:/[\\w$]+)*)[;<]");

    public final String name;
    public final String superName;
    public final List<String> interfaces = new ArrayList<>();
    /** Declared methods as {@code name + descriptor}. */
    public final Set<String> methods = new LinkedHashSet<>();
    /** Declared fields as {@code name + ":" + descriptor}. */
    public final Set<String> fields = new LinkedHashSet<>();
    /** Types of the class's own annotations, visible or not (e.g. {@code org/osgi/annotation/versioning/ProviderType}). */
    public final Set<String> annotations = new LinkedHashSet<>();
    /** Every type named in the constant pool: class constants and types inside descriptors and signatures. */
    public final Set<String> typeRefs = new LinkedHashSet<>();
    public final Set<MemberRef> memberRefs = new LinkedHashSet<>();
    /** Interfaces that this class's lambdas and method references implement (invokedynamic call sites). */
    public final Set<String> lambdaTypes = new LinkedHashSet<>();

    public ClassFile(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file (no 0xCAFEBABE)");
        }
        in.readUnsignedShort();
        in.readUnsignedShort();
        int count = in.readUnsignedShort();
        int[] tag = new int[count];
        String[] utf = new String[count];
        int[] a = new int[count];
        int[] b = new int[count];
        for (int i = 1; i < count; i++) {
            tag[i] = in.readUnsignedByte();
            switch (tag[i]) {
                case 1 -> utf[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++; // takes two slots
                }
                case 7, 8, 16, 19, 20 -> a[i] = in.readUnsignedShort();
                case 9, 10, 11, 12, 17, 18 -> {
                    a[i] = in.readUnsignedShort();
                    b[i] = in.readUnsignedShort();
                }
                case 15 -> {
                    a[i] = in.readUnsignedByte();
                    b[i] = in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag[i] + " at " + i);
            }
        }
        in.readUnsignedShort(); // access flags
        name = utf[a[in.readUnsignedShort()]];
        int sup = in.readUnsignedShort();
        superName = sup == 0 ? null : utf[a[sup]];
        int ni = in.readUnsignedShort();
        for (int i = 0; i < ni; i++) {
            interfaces.add(utf[a[in.readUnsignedShort()]]);
        }
        int nf = in.readUnsignedShort();
        for (int i = 0; i < nf; i++) {
            in.readUnsignedShort();
            fields.add(utf[in.readUnsignedShort()] + ":" + utf[in.readUnsignedShort()]);
            skipAttributes(in);
        }
        int nm = in.readUnsignedShort();
        for (int i = 0; i < nm; i++) {
            in.readUnsignedShort();
            methods.add(utf[in.readUnsignedShort()] + utf[in.readUnsignedShort()]);
            skipAttributes(in);
        }
        int na = in.readUnsignedShort();
        for (int i = 0; i < na; i++) {
            String attr = utf[in.readUnsignedShort()];
            int length = in.readInt();
            if (attr.equals("RuntimeInvisibleAnnotations") || attr.equals("RuntimeVisibleAnnotations")) {
                int n = in.readUnsignedShort();
                for (int k = 0; k < n; k++) {
                    String type = utf[in.readUnsignedShort()];
                    annotations.add(type.substring(1, type.length() - 1));
                    skipPairs(in);
                }
            } else {
                in.skipNBytes(length);
            }
        }
        for (int i = 1; i < count; i++) {
            switch (tag[i]) {
                case 1 -> addDescriptorTypes(utf[i]);
                case 7 -> {
                    String n = utf[a[i]];
                    if (n.startsWith("[")) {
                        addDescriptorTypes(n);
                    } else if (!n.equals(name)) {
                        typeRefs.add(n);
                    }
                }
                case 9, 10, 11 -> {
                    String owner = utf[a[a[i]]];
                    if (owner.startsWith("[")) {
                        break; // array clone() and friends
                    }
                    int nt = b[i];
                    memberRefs.add(new MemberRef(tag[i] == 9 ? "field" : "method", owner, utf[a[nt]], utf[b[nt]]));
                }
                case 18 -> {
                    String desc = utf[b[b[i]]];
                    String ret = desc.substring(desc.indexOf(')') + 1);
                    if (ret.startsWith("L")) {
                        lambdaTypes.add(ret.substring(1, ret.length() - 1));
                    }
                }
                default -> {
                }
            }
        }
        typeRefs.remove(name);
    }

    /** The package of an internal class name, dotted. */
    public static String packageOf(String internalName) {
        int slash = internalName.lastIndexOf('/');
        return slash < 0 ? "" : internalName.substring(0, slash).replace('/', '.');
    }

    private void addDescriptorTypes(String s) {
        if (s.indexOf('L') < 0 || s.indexOf('/') < 0) {
            return;
        }
        Matcher m = TYPE_IN_DESCRIPTOR.matcher(s);
        while (m.find()) {
            typeRefs.add(m.group(1));
        }
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int n = in.readUnsignedShort();
        for (int i = 0; i < n; i++) {
            in.readUnsignedShort();
            in.skipNBytes(in.readInt());
        }
    }

    private static void skipPairs(DataInputStream in) throws IOException {
        int pairs = in.readUnsignedShort();
        for (int p = 0; p < pairs; p++) {
            in.readUnsignedShort();
            skipElementValue(in);
        }
    }

    private static void skipElementValue(DataInputStream in) throws IOException {
        int tag = in.readUnsignedByte();
        switch (tag) {
            case 'e' -> in.skipNBytes(4);
            case '@' -> {
                in.readUnsignedShort();
                skipPairs(in);
            }
            case '[' -> {
                int n = in.readUnsignedShort();
                for (int i = 0; i < n; i++) {
                    skipElementValue(in);
                }
            }
            default -> in.skipNBytes(2); // B C D F I J S Z s c: one constant pool index
        }
    }
}
