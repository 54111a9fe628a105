package org.choreolab.backend.djl.tests.network;

import java.util.List;
import java.util.Map;

import org.choreolab.api.model.NetworkFactory;

import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;

/**
 * The conformance suite's own network: two dense layers, small enough to build on every engine in
 * milliseconds and independent of any model bundle. Loaded by an engine bundle next to its DJL, never
 * by this test bundle (which does not import DJL); the options {@code width} and {@code hidden} set the
 * size and number of hidden layers (8 and 1 by default).
 */
public final class TinyNetworkFactory implements NetworkFactory {

    public static final int INPUTS = 4;
    public static final int OUTPUTS = 3;

    @Override
    public Object create(Map<String, String> options) {
        int width = Integer.parseInt(options.getOrDefault("width", "8"));
        int hidden = Integer.parseInt(options.getOrDefault("hidden", "1"));
        SequentialBlock net = new SequentialBlock().add(Blocks.batchFlattenBlock());
        for (int i = 0; i < hidden; i++) {
            net.add(Linear.builder().setUnits(width).build()).add(Activation::tanh);
        }
        return net.add(Linear.builder().setUnits(OUTPUTS).build());
    }

    @Override
    public List<long[]> inputShapes(Map<String, String> options) {
        return List.of(new long[] {1, INPUTS});
    }
}
