package org.choreolab.tools.manifests;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The version rules of docs/EXTENDING.md (section 12), checked on the repository's files. Each method returns
 * one line per problem, naming the file, the header or annotation, and what was expected; none means all is well.
 * <p>
 * Why our own check: what a package's API did between releases is bnd's baseline's job ({@link Baselines}).
 * But our manifests are written by hand (Tycho's manifest-first build), and bnd only reads package-info's
 * {@code @Version} and computes import ranges when it generates a manifest itself; no tool compares a
 * hand-written Export-Package with package-info, or a hand-written import range with what the importing
 * bundle uses. Letting bnd generate every manifest (Tycho's {@code pde.bnd}) would make these checks
 * unnecessary and is the larger step this stands in for.
 */
public final class VersionChecks {

    static final String PROVIDER_TYPE = "org/osgi/annotation/versioning/ProviderType";

    private final Repository repo;

    public VersionChecks(Repository repo) {
        this.repo = repo;
    }

    /**
     * Every package a manifest exports has a package-info.java with {@code @Export} and the same {@code @Version},
     * every {@code @Export}ed package is exported, nothing internal is exported, and no version (of a bundle or of
     * a package) is lower than in the bundle's last release.
     */
    public List<String> exports() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Bundle b : repo.bundles) {
            String mf = repo.rel(b.manifestFile);
            Map<String, Repository.PackageInfo> infos = repo.packageInfos(b);
            Map<String, Version> exported = b.exportedVersions();
            for (Clause c : b.exports()) {
                String pkg = c.name();
                String v = c.attribute("version");
                Repository.PackageInfo info = infos.get(pkg);
                if (pkg.endsWith(".internal") || pkg.contains(".internal.")) {
                    problems.add(mf + ": Export-Package " + pkg + ": an internal package is never exported");
                }
                if (v == null) {
                    problems.add(mf + ": Export-Package " + pkg + " has no version; write the version of its package-info's @Version");
                }
                if (info == null) {
                    problems.add(mf + ": Export-Package " + pkg + ": no package-info.java for it in " + repo.rel(b.dir)
                            + "; add one with @org.osgi.annotation.bundle.Export and @org.osgi.annotation.versioning.Version");
                    continue;
                }
                String where = repo.rel(info.file());
                if (!info.exported()) {
                    problems.add(where + ": no @Export, but " + mf + " exports " + pkg + "; add @org.osgi.annotation.bundle.Export");
                }
                if (info.version() == null) {
                    problems.add(where + ": no @Version, but " + mf + " exports " + pkg + (v == null ? "" : " at " + v));
                } else if (v != null && !sameVersion(info.version(), v)) {
                    problems.add(mf + ": Export-Package " + pkg + ";version=\"" + v + "\", but " + where + " says @Version(\""
                            + info.version() + "\"); the two must agree (the package-info is the one to change first)");
                }
            }
            for (Repository.PackageInfo info : infos.values()) {
                if (info.exported() && !exported.containsKey(info.packageName())) {
                    problems.add(repo.rel(info.file()) + ": @Export, but " + mf + " does not export " + info.packageName()
                            + "; add " + info.packageName() + ";version=\"" + info.version() + "\" to its Export-Package");
                }
            }
            for (Release r : repo.releasesOf(b.symbolicName)) {
                if (b.version.compareTo(r.version) < 0) {
                    problems.add(mf + ": Bundle-Version " + b.version + " is lower than its release " + r.version + " ("
                            + repo.rel(r.jar) + ")");
                }
                for (Map.Entry<String, Version> e : r.exports.entrySet()) {
                    Version now = exported.get(e.getKey());
                    if (now != null && now.compareTo(e.getValue()) < 0) {
                        problems.add(mf + ": Export-Package " + e.getKey() + ";version=\"" + now + "\" is lower than in its release "
                                + r.version + " (" + e.getValue() + ", " + repo.rel(r.jar) + ")");
                    }
                }
            }
        }
        return problems;
    }

    /**
     * Every Import-Package of a package that a bundle of the repository exports has a range that includes the version
     * exported now, and:
     * <ul>
     * <li>a bundle that implements one of the package's {@code @ProviderType} interfaces (a class, or a lambda) imports
     * the current minor line, {@code [x.y,x.(y+1))};</li>
     * <li>any other bundle imports {@code [x.y,(x+1))} where x.y is a version that exists: the current one, or one that
     * a release in releases/ exported, and that release has every type, method and field of the package the bundle
     * uses.</li>
     * </ul>
     */
    public List<String> imports() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Bundle b : repo.bundles) {
            String mf = repo.rel(b.manifestFile);
            for (Clause c : b.imports()) {
                String pkg = c.name();
                Bundle exporter = repo.exporterOf(pkg);
                if (exporter == null || exporter == b) {
                    continue;
                }
                Version current = exporter.exportedVersions().get(pkg);
                String text = c.attribute("version");
                String where = mf + ": Import-Package " + pkg + (text == null ? "" : ";version=\"" + text + "\"");
                Range consumer = Range.halfOpen(new Version(current.major(), current.minor(), 0), current.nextMajor());
                if (text == null) {
                    problems.add(where + ": no version range; import " + consumer);
                    continue;
                }
                Range range;
                try {
                    range = Range.parse(text);
                } catch (IllegalArgumentException e) {
                    problems.add(where + ": " + e.getMessage());
                    continue;
                }
                if (!range.includes(current)) {
                    problems.add(where + ": does not include " + current + ", the version " + exporter.symbolicName
                            + " exports; it would not resolve");
                    continue;
                }
                if (b.classes().isEmpty()) {
                    problems.add(where + ": " + repo.rel(b.classesDir()) + " is missing or empty, so what the bundle uses "
                            + "cannot be checked; build the bundles first (./mvnw verify runs this check after them)");
                    continue;
                }
                String providerOf = implementedProviderType(b, pkg, exporter);
                if (providerOf != null) {
                    Range provider = Range.halfOpen(new Version(current.major(), current.minor(), 0), current.nextMinor());
                    if (!range.equals(provider)) {
                        problems.add(where + ": " + b.symbolicName + " implements " + providerOf.replace('/', '.')
                                + ", a @ProviderType, so it must import the minor line it implements: " + provider);
                    }
                    continue;
                }
                Version floor = range.floor();
                if (!range.floorIncluded() || range.ceiling() == null || range.ceilingIncluded()
                        || !range.ceiling().equals(floor.nextMajor())) {
                    problems.add(where + ": a consumer imports [floor,next major), e.g. " + consumer
                            + " (a provider of a @ProviderType interface would import " + Range.halfOpen(
                                    new Version(current.major(), current.minor(), 0), current.nextMinor()) + ")");
                    continue;
                }
                if (floor.equals(current)) {
                    continue; // compiled against this very version
                }
                Usage usage = usage(b, pkg);
                List<Release> candidates = repo.releasesOf(exporter.symbolicName).stream()
                        .filter(r -> floor.equals(r.exports.get(pkg))).toList();
                if (candidates.isEmpty()) {
                    problems.add(where + ": " + pkg + " " + floor + " was never released (releases/) and is not the current "
                            + current + "; " + suggestion(b, pkg, exporter, usage, current));
                    continue;
                }
                Release r = candidates.get(0);
                Set<String> missing = missing(usage, r, pkg);
                if (!missing.isEmpty()) {
                    problems.add(where + ": " + b.symbolicName + " uses " + String.join(", ", missing) + ", which " + pkg + " "
                            + floor + " (" + repo.rel(r.jar) + ") does not have; " + suggestion(b, pkg, exporter, usage, current));
                }
            }
        }
        return problems;
    }

    /** What a bundle's classes use of one package: types, and fields and methods by owner. */
    record Usage(Set<String> types, Set<ClassFile.MemberRef> members) {
    }

    static Usage usage(Bundle b, String pkg) throws IOException {
        Set<String> types = new TreeSet<>();
        Set<ClassFile.MemberRef> members = new java.util.LinkedHashSet<>();
        Map<String, ClassFile> own = b.classes();
        for (ClassFile cf : own.values()) {
            for (String t : cf.typeRefs) {
                if (ClassFile.packageOf(t).equals(pkg) && !own.containsKey(t)) {
                    types.add(t);
                }
            }
            for (ClassFile.MemberRef m : cf.memberRefs) {
                if (ClassFile.packageOf(m.owner()).equals(pkg) && !own.containsKey(m.owner())) {
                    members.add(m);
                }
            }
        }
        return new Usage(types, members);
    }

    /** What of {@code usage} the release lacks, in words; empty when it has it all. */
    private Set<String> missing(Usage usage, Release r, String pkg) throws IOException {
        Set<String> out = new TreeSet<>();
        for (String t : usage.types()) {
            if (!r.classes.containsKey(t)) {
                out.add(t.replace('/', '.'));
            }
        }
        for (ClassFile.MemberRef m : usage.members()) {
            if (!r.classes.containsKey(m.owner())) {
                out.add(m.owner().replace('/', '.'));
            } else if (!declares(r, m.owner(), m, new HashSet<>())) {
                out.add(m.toString());
            }
        }
        return out;
    }

    private String suggestion(Bundle b, String pkg, Bundle exporter, Usage usage, Version current) throws IOException {
        for (Release r : repo.releasesOf(exporter.symbolicName)) {
            Version v = r.exports.get(pkg);
            if (v != null && v.compareTo(current) <= 0 && missing(usage, r, pkg).isEmpty()) {
                return "import " + Range.halfOpen(v, v.nextMajor()) + " (" + repo.rel(r.jar) + " has everything "
                        + b.symbolicName + " uses of it)";
            }
        }
        Version floor = new Version(current.major(), current.minor(), 0);
        return "import " + Range.halfOpen(floor, floor.nextMajor()) + " (no release has everything " + b.symbolicName
                + " uses of it)";
    }

    /** Whether {@code m} is declared by {@code owner} or, unless a constructor, inherited from its supertypes. */
    private boolean declares(Release r, String owner, ClassFile.MemberRef m, Set<String> seen) throws IOException {
        if (!seen.add(owner)) {
            return false;
        }
        ClassFile cf = r.classes.get(owner);
        if (cf == null) {
            cf = reactorClass(owner);
        }
        if (cf == null) {
            return jdkDeclares(owner, m);
        }
        if (m.kind().equals("field") ? cf.fields.contains(m.name() + ":" + m.descriptor())
                : cf.methods.contains(m.name() + m.descriptor())) {
            return true;
        }
        if (m.name().equals("<init>")) {
            return false;
        }
        List<String> supers = new ArrayList<>(cf.interfaces);
        if (cf.superName != null) {
            supers.add(0, cf.superName);
        }
        for (String s : supers) {
            if (declares(r, s, m, seen)) {
                return true;
            }
        }
        return false;
    }

    private ClassFile reactorClass(String name) throws IOException {
        for (Bundle b : repo.bundles) {
            ClassFile cf = b.classes().get(name);
            if (cf != null) {
                return cf;
            }
        }
        return null;
    }

    /** For supertypes from the JDK (Object, Enum, Record, AutoCloseable…): asks this JVM. */
    private static boolean jdkDeclares(String owner, ClassFile.MemberRef m) {
        Class<?> c;
        try {
            c = Class.forName(owner.replace('/', '.'), false, ClassLoader.getPlatformClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            if (jdkDeclaresHere(k, m)) {
                return true;
            }
            if (m.name().equals("<init>")) {
                return false;
            }
        }
        List<Class<?>> todo = new ArrayList<>(List.of(c.getInterfaces()));
        while (!todo.isEmpty()) {
            Class<?> i = todo.remove(0);
            if (jdkDeclaresHere(i, m)) {
                return true;
            }
            todo.addAll(List.of(i.getInterfaces()));
        }
        return false;
    }

    private static boolean jdkDeclaresHere(Class<?> k, ClassFile.MemberRef m) {
        if (m.kind().equals("field")) {
            for (Field f : k.getDeclaredFields()) {
                if (f.getName().equals(m.name()) && f.getType().descriptorString().equals(m.descriptor())) {
                    return true;
                }
            }
            return false;
        }
        if (m.name().equals("<init>")) {
            for (Constructor<?> ctor : k.getDeclaredConstructors()) {
                if (descriptor(ctor.getParameterTypes(), void.class).equals(m.descriptor())) {
                    return true;
                }
            }
            return false;
        }
        for (Method meth : k.getDeclaredMethods()) {
            if (meth.getName().equals(m.name())
                    && descriptor(meth.getParameterTypes(), meth.getReturnType()).equals(m.descriptor())) {
                return true;
            }
        }
        return false;
    }

    private static String descriptor(Class<?>[] params, Class<?> ret) {
        return java.util.Arrays.stream(params).map(Class::descriptorString).collect(Collectors.joining("", "(", ")"))
                + ret.descriptorString();
    }

    /** The first @ProviderType of {@code pkg} that a class or lambda of {@code b} implements, or null. */
    static String implementedProviderType(Bundle b, String pkg, Bundle exporter) throws IOException {
        Map<String, ClassFile> theirs = exporter.classes();
        for (ClassFile cf : b.classes().values()) {
            List<String> implemented = new ArrayList<>(cf.interfaces);
            implemented.addAll(cf.lambdaTypes);
            if (cf.superName != null) {
                implemented.add(cf.superName);
            }
            for (String t : implemented) {
                if (ClassFile.packageOf(t).equals(pkg)) {
                    ClassFile type = theirs.get(t);
                    if (type != null && type.annotations.contains(PROVIDER_TYPE)) {
                        return t;
                    }
                }
            }
        }
        return null;
    }

    private static boolean sameVersion(String a, String b) {
        try {
            return Version.parse(a).equals(Version.parse(b));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
