package org.choreolab.model.fact.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * mint's Attention: one bias-free projection to q, k and v laid out as (qkv, head, depth) along the
 * last axis, softmax(q·kᵀ · hidden^-0.5) · v per head, heads joined and projected with a bias. The
 * scale uses the full hidden width, not the head depth, as mint does.
 */
final class Attention extends AbstractBlock {

    private final int hidden;
    private final int heads;
    private final float scale;
    private final Linear toQkv;
    private final Linear toOut;

    Attention(int hidden, int heads) {
        super((byte) 1);
        this.hidden = hidden;
        this.heads = heads;
        this.scale = (float) Math.pow(hidden, -0.5);
        toQkv = addChildBlock("to_qkv", Linear.builder().setUnits(3L * hidden).optBias(false).build());
        toOut = addChildBlock("to_out", Linear.builder().setUnits(hidden).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long b = x.getShape().get(0), n = x.getShape().get(1);
        NDArray qkv = toQkv.forward(ps, new NDList(x), training).singletonOrThrow()
                .reshape(b, n, 3, heads, hidden / heads).transpose(2, 0, 3, 1, 4);
        NDArray q = qkv.get(0), k = qkv.get(1), v = qkv.get(2);
        NDArray attention = q.matMul(k.transpose(0, 1, 3, 2)).mul(scale).softmax(-1);
        NDArray out = attention.matMul(v).transpose(0, 2, 1, 3).reshape(b, n, hidden);
        return toOut.forward(ps, new NDList(out), training);
    }

    /**
     * The attention of the first {@code queries} tokens over all of them: what the full forward gives
     * for those tokens, without computing the others' (their keys and values are still needed).
     */
    NDArray forwardFirst(ParameterStore ps, NDArray x, int queries, boolean training) {
        long b = x.getShape().get(0), n = x.getShape().get(1);
        NDArray qkv = toQkv.forward(ps, new NDList(x), training).singletonOrThrow()
                .reshape(b, n, 3, heads, hidden / heads).transpose(2, 0, 3, 1, 4);
        NDArray q = qkv.get(0).get(":, :, :" + queries + ", :"), k = qkv.get(1), v = qkv.get(2);
        NDArray attention = q.matMul(k.transpose(0, 1, 3, 2)).mul(scale).softmax(-1);
        NDArray out = attention.matMul(v).transpose(0, 2, 1, 3).reshape(b, queries, hidden);
        return toOut.forward(ps, new NDList(out), training).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        return new Shape[] {inputs[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputs) {
        toQkv.initialize(manager, dataType, inputs[0]);
        toOut.initialize(manager, dataType, inputs[0]);
    }
}
