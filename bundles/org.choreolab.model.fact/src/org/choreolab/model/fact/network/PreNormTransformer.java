package org.choreolab.model.fact.network;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * mint's Transformer: layers of Residual(Norm(Attention)) then Residual(Norm(MLP)), layer norm before
 * each (epsilon 1e-5, over the last axis of [batch, time, width]), a GELU MLP, no dropout and no final norm. DJL's own TransformerEncoderBlock
 * normalizes after the residual (BERT's order), so it is not used.
 */
final class PreNormTransformer extends AbstractBlock {

    private static final float SQRT_2_OVER_PI = (float) Math.sqrt(2 / Math.PI);

    private final List<LayerNorm> attentionNorms = new ArrayList<>();
    private final List<Attention> attentions = new ArrayList<>();
    private final List<LayerNorm> mlpNorms = new ArrayList<>();
    private final List<Linear> mlpIn = new ArrayList<>();
    private final List<Linear> mlpOut = new ArrayList<>();
    private final int hidden;
    private final int intermediate;

    PreNormTransformer(int hidden, int heads, int intermediate, int layers) {
        super((byte) 1);
        this.hidden = hidden;
        this.intermediate = intermediate;
        for (int l = 0; l < layers; l++) {
            attentionNorms.add(addChildBlock("layer" + l + "_attention_norm", LayerNorm.builder().axis(2).optEpsilon(1e-5f).build()));
            attentions.add(addChildBlock("layer" + l + "_attention", new Attention(hidden, heads)));
            mlpNorms.add(addChildBlock("layer" + l + "_mlp_norm", LayerNorm.builder().axis(2).optEpsilon(1e-5f).build()));
            mlpIn.add(addChildBlock("layer" + l + "_mlp_in", Linear.builder().setUnits(intermediate).build()));
            mlpOut.add(addChildBlock("layer" + l + "_mlp_out", Linear.builder().setUnits(hidden).build()));
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        for (int l = 0; l < attentions.size(); l++) {
            x = layer(ps, x, l, training);
        }
        return new NDList(x);
    }

    /**
     * The first {@code tokens} tokens of the output, as {@link #forward} gives them, computing the last
     * layer for those tokens only: every op of a layer is per token except attention, whose keys and
     * values (from all tokens) are still computed. FACT supervises and keeps only its first 20 of 360
     * tokens, so its cross-modal transformer's last layer shrinks to its key and value projections.
     */
    NDArray forwardFirst(ParameterStore ps, NDArray x, int tokens, boolean training) {
        int last = attentions.size() - 1;
        if (last < 0 || tokens >= x.getShape().get(1)) {
            NDArray all = forward(ps, new NDList(x), training).singletonOrThrow();
            return tokens >= x.getShape().get(1) ? all : all.get(":, :" + tokens + ", :");
        }
        for (int l = 0; l < last; l++) {
            x = layer(ps, x, l, training);
        }
        NDArray h = attentionNorms.get(last).forward(ps, new NDList(x), training).singletonOrThrow();
        x = x.get(":, :" + tokens + ", :").add(attentions.get(last).forwardFirst(ps, h, tokens, training));
        h = mlpNorms.get(last).forward(ps, new NDList(x), training).singletonOrThrow();
        h = gelu(mlpIn.get(last).forward(ps, new NDList(h), training).singletonOrThrow());
        return x.add(mlpOut.get(last).forward(ps, new NDList(h), training).singletonOrThrow());
    }

    private NDArray layer(ParameterStore ps, NDArray x, int l, boolean training) {
        NDArray h = attentionNorms.get(l).forward(ps, new NDList(x), training).singletonOrThrow();
        x = x.add(attentions.get(l).forward(ps, new NDList(h), training).singletonOrThrow());
        h = mlpNorms.get(l).forward(ps, new NDList(x), training).singletonOrThrow();
        h = gelu(mlpIn.get(l).forward(ps, new NDList(h), training).singletonOrThrow());
        return x.add(mlpOut.get(l).forward(ps, new NDList(h), training).singletonOrThrow());
    }

    /** The tanh approximation, as mint's base_model_util.gelu (engines' built-in GELUs differ). */
    static NDArray gelu(NDArray x) {
        NDArray inner = x.pow(3).mul(0.044715f).add(x).mul(SQRT_2_OVER_PI);
        return x.mul(inner.tanh().add(1f)).mul(0.5f);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {inputs[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        Shape in = inputs[0];
        Shape mid = new Shape(in.get(0), in.get(1), intermediate);
        for (int l = 0; l < attentions.size(); l++) {
            attentionNorms.get(l).initialize(manager, dataType, in);
            attentions.get(l).initialize(manager, dataType, in);
            mlpNorms.get(l).initialize(manager, dataType, in);
            mlpIn.get(l).initialize(manager, dataType, in);
            mlpOut.get(l).initialize(manager, dataType, mid);
        }
    }
}
