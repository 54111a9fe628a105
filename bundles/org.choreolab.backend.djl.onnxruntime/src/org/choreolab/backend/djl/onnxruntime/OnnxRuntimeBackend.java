package org.choreolab.backend.djl.onnxruntime;

import org.choreolab.api.model.ModelBackend;
import org.choreolab.backend.djl.DjlBackend;
import org.osgi.service.component.annotations.Component;

/**
 * ONNX Runtime through DJL: runs ONNX files. It cannot run networks built from DJL blocks (it has
 * no training or block operators), so {@link #network} fails with a message saying so.
 */
@Component(service = ModelBackend.class, property = "choreolab.engine=OnnxRuntime")
public final class OnnxRuntimeBackend extends DjlBackend {

    public OnnxRuntimeBackend() {
        super("OnnxRuntime", "1.21.1");
    }

    @Override
    public org.choreolab.api.model.Network network(org.choreolab.api.model.NetworkCode code,
            java.util.Map<String, String> options, String device) throws java.io.IOException {
        throw new java.io.IOException("OnnxRuntime runs exported .onnx files only; build " + code.factoryClass()
                + " on PyTorch or MXNet");
    }
}
