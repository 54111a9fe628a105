package org.choreolab.tools.manifests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One clause of an OSGi manifest header: {@code name;attr=value;dir:=value}. A clause naming several
 * packages ({@code a;b;version=1}) is split into one clause per name.
 */
public record Clause(String name, Map<String, String> attributes, Map<String, String> directives) {

    /** Every clause of a header's value, in order; an absent header has none. */
    public static List<Clause> parse(String header) {
        List<Clause> out = new ArrayList<>();
        if (header == null || header.isBlank()) {
            return out;
        }
        for (String clause : split(header, ',')) {
            List<String> names = new ArrayList<>();
            Map<String, String> attributes = new LinkedHashMap<>();
            Map<String, String> directives = new LinkedHashMap<>();
            for (String part : split(clause, ';')) {
                String p = part.trim();
                int dir = p.indexOf(":=");
                int eq = p.indexOf('=');
                if (dir > 0 && dir < eq) {
                    directives.put(p.substring(0, dir).trim(), unquote(p.substring(dir + 2)));
                } else if (eq > 0) {
                    String key = p.substring(0, eq).trim();
                    int typed = key.indexOf(':'); // version:Version="1.0" in capabilities
                    attributes.put(typed > 0 ? key.substring(0, typed) : key, unquote(p.substring(eq + 1)));
                } else if (!p.isEmpty()) {
                    names.add(p);
                }
            }
            for (String name : names) {
                out.add(new Clause(name, attributes, directives));
            }
        }
        return out;
    }

    public String attribute(String key) {
        return attributes.get(key);
    }

    public boolean optional() {
        return "optional".equals(directives.get("resolution"));
    }

    /** Splits at {@code sep} outside double quotes. */
    private static List<String> split(String s, char sep) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == sep && !quoted) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        parts.add(cur.toString());
        return parts;
    }

    private static String unquote(String v) {
        String t = v.trim();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }
}
