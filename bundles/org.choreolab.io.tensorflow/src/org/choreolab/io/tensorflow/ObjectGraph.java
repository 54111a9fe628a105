package org.choreolab.io.tensorflow;

import java.util.List;
import java.util.Optional;

/**
 * The object graph {@code tf.train.Checkpoint} saves beside the tensors
 * ({@code TrackableObjectGraph} under the key {@value TensorBundle#OBJECT_GRAPH_KEY}): node 0 is the
 * checkpoint object, each node lists its children by the attribute name that tracked them (one
 * object can be reached under several names), the checkpoint keys of its tensors, and, for an
 * optimizer, its slot variables. Restoring by object walks these names, which is what makes a key
 * like {@code model/net/layer_with_weights-0/kernel/.ATTRIBUTES/VARIABLE_VALUE} findable from
 * {@code model → net → layer-0 → kernel} as well.
 */
public record ObjectGraph(List<Node> nodes) {

    /** The tensor attribute of a variable, the one restoring reads. */
    public static final String VARIABLE_VALUE = "VARIABLE_VALUE";

    public record Node(int id, List<Child> children, List<Attribute> attributes, List<SlotVariable> slotVariables) {

        /** The child tracked under {@code name}, if any. */
        public Optional<Child> child(String name) {
            return children.stream().filter(c -> c.name().equals(name)).findFirst();
        }

        /** The checkpoint key of this node's {@value ObjectGraph#VARIABLE_VALUE} attribute: set when it is a variable. */
        public Optional<String> variableKey() {
            return attributes.stream().filter(a -> a.name().equals(VARIABLE_VALUE)).map(Attribute::checkpointKey).findFirst();
        }
    }

    /** A dependency: the child node and the name it is tracked under. */
    public record Child(int nodeId, String name) {
    }

    /** A saved tensor of an object: its attribute name, the variable's own name, and its checkpoint key. */
    public record Attribute(String name, String fullName, String checkpointKey) {
    }

    /** An optimizer's slot (e.g. Adam's {@code m}) for a variable. */
    public record SlotVariable(int originalNodeId, String slotName, int slotNodeId) {
    }

    public Node root() {
        return nodes.get(0);
    }

    public Node node(int id) {
        return nodes.get(id);
    }

    /** The node reached from the root through these child names, if every step exists. */
    public Optional<Node> resolve(List<String> path) {
        Node n = root();
        for (String name : path) {
            Optional<Child> c = n.child(name);
            if (c.isEmpty()) {
                return Optional.empty();
            }
            n = node(c.get().nodeId());
        }
        return Optional.of(n);
    }
}
