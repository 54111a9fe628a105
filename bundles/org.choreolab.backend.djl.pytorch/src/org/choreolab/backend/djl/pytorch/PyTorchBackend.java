package org.choreolab.backend.djl.pytorch;

import org.choreolab.api.model.ModelBackend;
import org.choreolab.backend.djl.DjlBackend;
import org.osgi.service.component.annotations.Component;

/** PyTorch through DJL: runs TorchScript files and networks built from DJL blocks. */
@Component(service = ModelBackend.class, property = {"choreolab.engine=PyTorch", "choreolab.id=pytorch"})
public final class PyTorchBackend extends DjlBackend {

    static final String NUM_THREADS = "ai.djl.pytorch.num_threads";
    static final String NUM_INTEROP_THREADS = "ai.djl.pytorch.num_interop_threads";

    public PyTorchBackend() {
        super("PyTorch", "2.7.1");
    }

    @Override
    protected void configureThreads(int threads, boolean explicit) {
        // DJL calls at::set_num_threads with these when the engine loads (PtEngine.newInstance).
        if (explicit || System.getProperty(NUM_THREADS) == null) {
            System.setProperty(NUM_THREADS, Integer.toString(threads));
        }
        // Inter-op threads only run TorchScript's forked branches; one pool of intra-op threads is enough.
        if (System.getProperty(NUM_INTEROP_THREADS) == null) {
            System.setProperty(NUM_INTEROP_THREADS, "1");
        }
    }

    @Override
    protected String threadsInEffect(int threads) {
        return "libtorch intra-op " + ai.djl.pytorch.jni.JniUtils.getNumThreads() + ", inter-op "
                + ai.djl.pytorch.jni.JniUtils.getNumInteropThreads();
    }
}
