package org.choreolab.model.fact.network;

import org.choreolab.model.fact.internal.FactConfig;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.TruncatedNormalInitializer;
import ai.djl.util.PairList;

/**
 * FACT (mint's FACTModel.call): each modality is projected to the hidden width, given a learned
 * position embedding and its own transformer; the two sequences are concatenated along time (motion
 * first) and pass the cross-modal transformer; a linear layer maps back to the motion features. Only
 * the first {@code outputFrames} tokens are supervised, so only they are computed (in the cross-modal
 * transformer's last layer, which then costs about its key and value projections: a quarter fewer
 * operations per step for the shipped size).
 */
final class FactBlock extends AbstractBlock {

    private final FactConfig c;
    private final Linear motionEmbedding;
    private final Parameter motionPosition;
    private final PreNormTransformer motionTransformer;
    private final Linear audioEmbedding;
    private final Parameter audioPosition;
    private final PreNormTransformer audioTransformer;
    private final PreNormTransformer crossTransformer;
    private final Linear output;

    FactBlock(FactConfig c) {
        super((byte) 1);
        this.c = c;
        motionEmbedding = addChildBlock("motion_embedding", Linear.builder().setUnits(c.hidden()).build());
        motionPosition = addParameter(Parameter.builder().setName("motion_position").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(c.motionLength(), c.hidden())).optInitializer(new TruncatedNormalInitializer(0.02f)).build());
        motionTransformer = addChildBlock("motion_transformer",
                new PreNormTransformer(c.hidden(), c.heads(), c.intermediate(), c.motionLayers()));
        audioEmbedding = addChildBlock("audio_embedding", Linear.builder().setUnits(c.hidden()).build());
        audioPosition = addParameter(Parameter.builder().setName("audio_position").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(c.audioLength(), c.hidden())).optInitializer(new TruncatedNormalInitializer(0.02f)).build());
        audioTransformer = addChildBlock("audio_transformer",
                new PreNormTransformer(c.hidden(), c.heads(), c.intermediate(), c.audioLayers()));
        crossTransformer = addChildBlock("cross_transformer",
                new PreNormTransformer(c.hidden(), c.heads(), c.intermediate(), c.crossLayers()));
        output = addChildBlock("output", Linear.builder().setUnits(c.motionDim()).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray motion = inputs.get(0);
        NDArray audio = inputs.get(1);
        NDArray m = motionEmbedding.forward(ps, new NDList(motion), training).singletonOrThrow();
        m = m.add(ps.getValue(motionPosition, m.getDevice(), training));
        m = motionTransformer.forward(ps, new NDList(m), training).singletonOrThrow();
        NDArray a = audioEmbedding.forward(ps, new NDList(audio), training).singletonOrThrow();
        a = a.add(ps.getValue(audioPosition, a.getDevice(), training));
        a = audioTransformer.forward(ps, new NDList(a), training).singletonOrThrow();
        NDArray x = m.concat(a, 1);
        // Only the first outputFrames tokens are used: the last layer computes only them.
        x = crossTransformer.forwardFirst(ps, x, c.outputFrames(), training);
        return output.forward(ps, new NDList(x), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {new Shape(inputs[0].get(0), c.outputFrames(), c.motionDim())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        long b = inputs[0].get(0);
        motionEmbedding.initialize(manager, dataType, inputs[0]);
        motionTransformer.initialize(manager, dataType, new Shape(b, c.motionLength(), c.hidden()));
        audioEmbedding.initialize(manager, dataType, inputs[1]);
        audioTransformer.initialize(manager, dataType, new Shape(b, c.audioLength(), c.hidden()));
        crossTransformer.initialize(manager, dataType, new Shape(b, c.motionLength() + c.audioLength(), c.hidden()));
        output.initialize(manager, dataType, new Shape(b, c.outputFrames(), c.hidden()));
    }
}
