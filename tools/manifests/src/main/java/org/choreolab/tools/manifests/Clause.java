package org.choreolab.tools.manifests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import aQute.bnd.header.Attrs;
import aQute.bnd.header.Parameters;
import aQute.bnd.osgi.Processor;

/**
 * One clause of an OSGi manifest header: {@code name;attr=value;dir:=value}, as bnd's header parser reads it (quotes,
 * typed attributes, several names sharing their parameters: {@code a;b;version=1} gives a clause per name).
 */
public record Clause(String name, Map<String, String> attributes, Map<String, String> directives) {

    /** Every clause of a header's value, in order; an absent header has none. */
    public static List<Clause> parse(String header) {
        List<Clause> out = new ArrayList<>();
        if (header == null || header.isBlank()) {
            return out;
        }
        // Duplicates allowed: a header may name a package twice (bnd marks the second key with '~').
        Parameters parameters = new Parameters(header, null, true);
        for (Map.Entry<String, Attrs> e : parameters.entrySet()) {
            Map<String, String> attributes = new LinkedHashMap<>();
            Map<String, String> directives = new LinkedHashMap<>();
            for (String key : e.getValue().keySet()) {
                if (key.endsWith(":")) {
                    directives.put(key.substring(0, key.length() - 1), e.getValue().get(key));
                } else {
                    attributes.put(key, e.getValue().get(key));
                }
            }
            out.add(new Clause(Processor.removeDuplicateMarker(e.getKey()), attributes, directives));
        }
        return out;
    }

    public String attribute(String key) {
        return attributes.get(key);
    }

    public boolean optional() {
        return "optional".equals(directives.get("resolution"));
    }
}
