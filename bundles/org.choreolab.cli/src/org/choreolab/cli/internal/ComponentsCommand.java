package org.choreolab.cli.internal;

import java.io.PrintWriter;
import java.util.List;

import org.choreolab.core.ComponentInfo;
import org.choreolab.core.ComponentKind;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "components", mixinStandardHelpOptions = true,
        description = "Lists the installed components by kind: id, name and the bundle providing each.")
public final class ComponentsCommand implements Runnable {

    private final Services services;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print a JSON array of {kind, id, name, description, bundle, version}.")
    boolean json;

    public ComponentsCommand(Services services) {
        this.services = services;
    }

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        List<ComponentInfo> all = services.registry().components();
        if (json) {
            ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            ArrayNode a = m.createArrayNode();
            for (ComponentInfo c : all) {
                ObjectNode n = a.addObject();
                n.put("kind", c.kind().key());
                n.put("id", c.id());
                n.put("name", c.name());
                n.put("description", c.description());
                n.put("bundle", c.bundle());
                n.put("version", c.bundleVersion());
            }
            try {
                out.println(m.writeValueAsString(a));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            return;
        }
        for (ComponentKind k : ComponentKind.values()) {
            List<ComponentInfo> of = all.stream().filter(c -> c.kind() == k).toList();
            out.printf("%s (%d)%n", k.label(), of.size());
            for (ComponentInfo c : of) {
                out.printf("  %-22s %-40s %s %s%n", c.id(), c.name(), c.bundle(), c.bundleVersion());
            }
        }
        out.flush();
    }
}
