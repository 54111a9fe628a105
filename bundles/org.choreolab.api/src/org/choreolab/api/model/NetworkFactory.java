package org.choreolab.api.model;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Defines a network in DJL terms. Implemented by a class that a model bundle ships but never loads
 * itself: a {@link ModelBackend} loads it inside its own copy of DJL (see {@link NetworkCode}), which
 * is why DJL types appear here as {@code Object}.
 */
@ConsumerType
public interface NetworkFactory {

    /** Creates the network; the result must be an {@code ai.djl.nn.Block} of the calling backend's DJL. */
    Object create(Map<String, String> options);

    /** The shapes of the network's inputs, batch first, used to initialize its parameters. */
    List<long[]> inputShapes(Map<String, String> options);
}
