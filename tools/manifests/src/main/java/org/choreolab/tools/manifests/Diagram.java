package org.choreolab.tools.manifests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bundle diagram of docs/ARCHITECTURE.md, drawn from the manifests alone: one box per bundle (test fragments
 * left out), grouped by what its manifest says it is, and one arrow per bundle it imports packages from.
 * {@code main} writes {@code docs/architecture/bundles.dot} and, where Graphviz is installed, renders it to
 * {@code bundles.svg}; the SVG carries the hash of the text it was drawn from, so a test can tell a stale picture.
 */
public final class Diagram {

    public static final String DOT = "docs/architecture/bundles.dot";
    public static final String SVG = "docs/architecture/bundles.svg";

    private static final String PREFIX = "org.choreolab.";

    private Diagram() {
    }

    /** Writes the diagram of the repository at {@code args[0]} (default: the working directory). */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        String dot = dot(new Repository(root));
        Path dotFile = root.resolve(DOT);
        Files.createDirectories(dotFile.getParent());
        Files.writeString(dotFile, dot);
        System.out.println("wrote " + dotFile);
        try {
            Process p = new ProcessBuilder("dot", "-Tsvg", "-o", root.resolve(SVG).toString(), dotFile.toString())
                    .inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IOException("dot failed with exit code " + p.exitValue());
            }
            System.out.println("wrote " + root.resolve(SVG));
        } catch (IOException e) {
            System.err.println("could not render " + SVG + " (" + e.getMessage()
                    + "); install Graphviz (apt-get install graphviz) and run again");
            System.exit(1);
        }
    }

    /** The Graphviz text of the repository's bundle diagram; the same manifests always give the same text. */
    public static String dot(Repository repo) throws IOException {
        Map<String, List<Bundle>> groups = new LinkedHashMap<>();
        for (String g : List.of("API", "applications", "services (Declarative Services components)", "libraries",
                "engines (each with its own DJL)")) {
            groups.put(g, new ArrayList<>());
        }
        int fragments = 0;
        for (Bundle b : repo.bundles) {
            if (b.fragmentHost() != null) {
                fragments++;
                continue;
            }
            groups.get(group(b)).add(b);
        }
        StringBuilder body = new StringBuilder();
        body.append("  rankdir=BT;\n  newrank=true;\n  nodesep=0.25;\n  ranksep=0.6;\n");
        body.append("  fontname=\"Helvetica\";\n  fontsize=11;\n");
        body.append("  node [shape=box, style=\"rounded,filled\", fillcolor=\"#f4f4f4\", fontname=\"Helvetica\", fontsize=10];\n");
        body.append("  edge [color=\"#606060\", arrowsize=0.6];\n");
        body.append("  label=\"Generated from the bundles' manifests by tools/manifests; ").append(fragments)
                .append(" test fragments left out.\\nArrow: imports packages from (dashed: optional; red: the minor line of a")
                .append(" provider of @ProviderType interfaces).\";\n");
        int n = 0;
        for (Map.Entry<String, List<Bundle>> g : groups.entrySet()) {
            if (g.getValue().isEmpty()) {
                continue;
            }
            body.append("  subgraph cluster_").append(n++).append(" {\n");
            body.append("    label=\"").append(g.getKey()).append("\";\n    style=\"rounded,dashed\";\n    color=\"#a0a0a0\";\n");
            for (Bundle b : g.getValue()) {
                body.append("    \"").append(b.symbolicName).append("\" [label=\"").append(label(b)).append("\"")
                        .append(g.getKey().equals("API") ? ", fillcolor=\"#dde8f6\"" : "").append("];\n");
            }
            body.append("  }\n");
        }
        for (Bundle b : repo.bundles) {
            if (b.fragmentHost() != null) {
                continue;
            }
            // target bundle -> (all optional, implements a provider type)
            Map<String, boolean[]> edges = new TreeMap<>();
            for (Clause c : b.imports()) {
                Bundle e = repo.exporterOf(c.name());
                if (e == null || e == b) {
                    continue;
                }
                boolean[] f = edges.computeIfAbsent(e.symbolicName, k -> new boolean[] {true, false});
                f[0] &= c.optional();
                f[1] |= providerRange(c);
            }
            for (Clause c : b.requiredBundles()) {
                if (repo.bundle(c.name()) != null) {
                    edges.computeIfAbsent(c.name(), k -> new boolean[] {c.optional(), false});
                }
            }
            for (Map.Entry<String, boolean[]> e : edges.entrySet()) {
                body.append("  \"").append(b.symbolicName).append("\" -> \"").append(e.getKey()).append("\"");
                List<String> attrs = new ArrayList<>();
                if (e.getValue()[0]) {
                    attrs.add("style=dashed");
                }
                if (e.getValue()[1]) {
                    attrs.add("color=\"#b03030\"");
                    attrs.add("penwidth=1.6");
                }
                body.append(attrs.isEmpty() ? "" : " [" + String.join(", ", attrs) + "]").append(";\n");
            }
        }
        String text = body.toString();
        return "// Generated by tools/manifests (Diagram) from bundles/*/META-INF/MANIFEST.MF: do not edit;\n"
                + "// run tools/manifests/update-diagram.sh after changing a manifest.\n"
                + "digraph bundles {\n  comment=\"source " + hash(text) + "\";\n" + text + "}\n";
    }

    /** The hash written into the SVG, which the check compares with the hash of the .dot it reads. */
    public static String sourceHash(String dot) {
        int i = dot.indexOf("comment=\"source ");
        return i < 0 ? null : dot.substring(i + 16, dot.indexOf('"', i + 16));
    }

    /** A minor-line range {@code [x.y,x.(y+1))}: the import of a provider (VersionChecks#imports checks it is one). */
    private static boolean providerRange(Clause c) {
        String v = c.attribute("version");
        if (v == null) {
            return false;
        }
        try {
            Range r = Range.parse(v);
            return r.ceiling() != null && r.ceiling().equals(r.floor().nextMinor());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String group(Bundle b) {
        if (b.exportedVersions().keySet().stream().anyMatch(p -> p.startsWith(PREFIX + "api"))) {
            return "API";
        }
        String caps = b.header("Provide-Capability");
        if (caps != null && caps.contains("choreolab.engine")) {
            return "engines (each with its own DJL)";
        }
        if (b.requiredBundles().stream().anyMatch(c -> c.name().startsWith("org.eclipse."))) {
            return "applications";
        }
        if ("lazy".equals(b.header("Bundle-ActivationPolicy"))) {
            return "services (Declarative Services components)";
        }
        return "libraries";
    }

    private static String label(Bundle b) {
        StringBuilder s = new StringBuilder(shortName(b.symbolicName)).append(" ").append(b.version);
        for (Map.Entry<String, Version> e : b.exportedVersions().entrySet()) {
            s.append("\\l  ").append(e.getKey()).append(" ").append(e.getValue());
        }
        return b.exportedVersions().isEmpty() ? s.toString() : s.append("\\l").toString();
    }

    private static String shortName(String bsn) {
        return bsn.startsWith(PREFIX) ? bsn.substring(PREFIX.length()) : bsn;
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
