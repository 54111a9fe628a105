package org.choreolab.io.tensorflow.internal;

import java.util.ArrayList;
import java.util.List;

import org.choreolab.io.tensorflow.ObjectGraph;
import org.choreolab.io.tensorflow.internal.ProtoReader.Malformed;

/** Decodes TensorFlow's {@code TrackableObjectGraph} (trackable_object_graph.proto). */
public final class ObjectGraphParser {

    private ObjectGraphParser() {
    }

    public static ObjectGraph parse(byte[] bytes) throws Malformed {
        List<ObjectGraph.Node> nodes = new ArrayList<>();
        ProtoReader r = new ProtoReader(bytes);
        while (r.more()) {
            int tag = r.tag();
            if ((tag >>> 3) == 1) {
                ProtoReader.expect(tag, ProtoReader.LENGTH_DELIMITED);
                nodes.add(node(nodes.size(), r.message()));
            } else {
                r.skip(tag & 7);
            }
        }
        if (nodes.isEmpty()) {
            throw new Malformed("no objects (node 0 is the checkpoint itself)");
        }
        for (ObjectGraph.Node n : nodes) {
            for (ObjectGraph.Child c : n.children()) {
                check(c.nodeId(), nodes.size(), "child '" + c.name() + "' of node " + n.id());
            }
            for (ObjectGraph.SlotVariable s : n.slotVariables()) {
                check(s.originalNodeId(), nodes.size(), "slot variable '" + s.slotName() + "' of node " + n.id());
                check(s.slotNodeId(), nodes.size(), "slot variable '" + s.slotName() + "' of node " + n.id());
            }
        }
        return new ObjectGraph(List.copyOf(nodes));
    }

    private static void check(int id, int count, String what) throws Malformed {
        if (id < 0 || id >= count) {
            throw new Malformed(what + " refers to node " + id + " of " + count);
        }
    }

    private static ObjectGraph.Node node(int id, ProtoReader r) throws Malformed {
        List<ObjectGraph.Child> children = new ArrayList<>();
        List<ObjectGraph.Attribute> attributes = new ArrayList<>();
        List<ObjectGraph.SlotVariable> slots = new ArrayList<>();
        while (r.more()) {
            int tag = r.tag();
            switch (tag >>> 3) {
                case 1 -> { // ObjectReference: node_id = 1, local_name = 2
                    ProtoReader.expect(tag, ProtoReader.LENGTH_DELIMITED);
                    ProtoReader m = r.message();
                    int node = 0;
                    String name = "";
                    while (m.more()) {
                        int t = m.tag();
                        switch (t >>> 3) {
                            case 1 -> node = m.int32(t);
                            case 2 -> name = string(m, t);
                            default -> m.skip(t & 7);
                        }
                    }
                    children.add(new ObjectGraph.Child(node, name));
                }
                case 2 -> { // SerializedTensor: name = 1, full_name = 2, checkpoint_key = 3
                    ProtoReader.expect(tag, ProtoReader.LENGTH_DELIMITED);
                    ProtoReader m = r.message();
                    String name = "", fullName = "", key = "";
                    while (m.more()) {
                        int t = m.tag();
                        switch (t >>> 3) {
                            case 1 -> name = string(m, t);
                            case 2 -> fullName = string(m, t);
                            case 3 -> key = string(m, t);
                            default -> m.skip(t & 7);
                        }
                    }
                    attributes.add(new ObjectGraph.Attribute(name, fullName, key));
                }
                case 3 -> { // SlotVariableReference: original_variable_node_id = 1, slot_name = 2, slot_variable_node_id = 3
                    ProtoReader.expect(tag, ProtoReader.LENGTH_DELIMITED);
                    ProtoReader m = r.message();
                    int original = 0, slot = 0;
                    String name = "";
                    while (m.more()) {
                        int t = m.tag();
                        switch (t >>> 3) {
                            case 1 -> original = m.int32(t);
                            case 2 -> name = string(m, t);
                            case 3 -> slot = m.int32(t);
                            default -> m.skip(t & 7);
                        }
                    }
                    slots.add(new ObjectGraph.SlotVariable(original, name, slot));
                }
                default -> r.skip(tag & 7); // registered savers, has_checkpoint_values: not needed to find variables
            }
        }
        return new ObjectGraph.Node(id, List.copyOf(children), List.copyOf(attributes), List.copyOf(slots));
    }

    private static String string(ProtoReader m, int tag) throws Malformed {
        ProtoReader.expect(tag, ProtoReader.LENGTH_DELIMITED);
        return m.string();
    }
}
