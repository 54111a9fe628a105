package org.choreolab.backend.djl;

import java.io.IOException;
import java.util.List;

import org.choreolab.api.model.LoadedModel;
import org.choreolab.api.model.Tensor;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;

/** An exported model (TorchScript, ONNX, …) loaded by an engine. */
class DjlLoadedModel implements LoadedModel {

    final DjlBackend backend;
    final Model model;

    DjlLoadedModel(DjlBackend backend, Model model) {
        this.backend = backend;
        this.model = model;
    }

    @Override
    public String device() {
        return model.getNDManager().getDevice().toString();
    }

    @Override
    public List<Tensor> predict(List<Tensor> inputs) throws IOException {
        return backend.call(() -> {
            // A sub-manager per call frees every intermediate array when the call returns.
            try (NDManager m = model.getNDManager().newSubManager()) {
                NDList out = model.getBlock().forward(new ParameterStore(m, false), Tensors.toNd(m, inputs), false);
                return Tensors.fromNd(out);
            }
        });
    }

    @Override
    public int concurrentCalls() {
        // On a GPU the device serializes the work; several calls would only queue.
        return model.getNDManager().getDevice().isGpu() ? 1 : backend.concurrentCalls();
    }

    @Override
    public void close() {
        try {
            backend.call(() -> {
                model.close();
                return null;
            });
        } catch (IOException e) {
            // closing frees native memory; nothing to report to the caller
        }
    }
}
