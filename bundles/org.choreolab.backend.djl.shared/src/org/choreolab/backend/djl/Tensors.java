package org.choreolab.backend.djl;

import java.util.ArrayList;
import java.util.List;

import org.choreolab.api.model.Tensor;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Plain tensors in and out of an engine. */
final class Tensors {

    private Tensors() {
    }

    static NDList toNd(NDManager manager, List<Tensor> tensors) {
        NDList list = new NDList(tensors.size());
        for (Tensor t : tensors) {
            list.add(manager.create(t.data(), new Shape(t.shape())));
        }
        return list;
    }

    static List<Tensor> fromNd(NDList list) {
        List<Tensor> out = new ArrayList<>(list.size());
        for (NDArray a : list) {
            NDArray f = a.getDataType() == DataType.FLOAT32 ? a : a.toType(DataType.FLOAT32, false);
            out.add(new Tensor(a.getShape().getShape(), f.toFloatArray()));
        }
        return out;
    }
}
