package org.choreolab.backend.djl.onnxruntime;

import java.util.Map;

import org.choreolab.api.model.ModelBackend;
import org.choreolab.backend.djl.DjlBackend;
import org.osgi.service.component.annotations.Component;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * ONNX Runtime through DJL: runs ONNX files. It cannot run networks built from DJL blocks (it has
 * no training or block operators), so {@link #network} fails with a message saying so.
 */
@Component(service = ModelBackend.class, property = {"choreolab.engine=OnnxRuntime", "choreolab.id=onnxruntime"})
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

    /** ONNX Runtime has its own pools (not OpenMP): sized per session, and told not to spin between runs. */
    @Override
    protected Map<String, ?> loadOptions(int threads) {
        try {
            OrtSession.SessionOptions o = new OrtSession.SessionOptions();
            o.setIntraOpNumThreads(threads);
            o.setInterOpNumThreads(1);
            o.addConfigEntry("session.intra_op.allow_spinning", "0");
            o.addConfigEntry("session.inter_op.allow_spinning", "0");
            return Map.of("sessionOptions", o);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime session options: " + e.getMessage(), e);
        }
    }

    @Override
    protected String threadsInEffect(int threads) {
        return "ONNX Runtime intra-op " + threads + " per session, not spinning";
    }
}
