package org.choreolab.backend.djl.mxnet;

import java.util.LinkedHashMap;
import java.util.Map;

import org.choreolab.api.model.ModelBackend;
import org.choreolab.backend.djl.DjlBackend;
import org.osgi.service.component.annotations.Component;

/** Apache MXNet through DJL: runs networks built from DJL blocks (and MXNet symbol files). */
@Component(service = ModelBackend.class, property = {"choreolab.engine=MXNet", "choreolab.id=mxnet"})
public final class MxNetBackend extends DjlBackend {

    public MxNetBackend() {
        super("MXNet", "1.9.1");
    }

    @Override
    protected Map<String, String> nativeEnvironment(int threads) {
        Map<String, String> env = new LinkedHashMap<>();
        // Without it MXNet takes half of omp_get_num_procs() on x86 (it assumes hyper-threads): one thread on two cores.
        env.put("MXNET_OMP_MAX_THREADS", Integer.toString(threads));
        // One worker pushes the operators; each operator's own parallelism comes from OpenMP.
        env.put("MXNET_CPU_WORKER_NTHREADS", "1");
        return env;
    }

    @Override
    protected String threadsInEffect(int threads) {
        return "MXNet OpenMP " + org.choreolab.backend.djl.EngineThreads.nativeGetenv("MXNET_OMP_MAX_THREADS") + ", engine "
                + java.util.Objects.requireNonNullElse(org.choreolab.backend.djl.EngineThreads.nativeGetenv("MXNET_ENGINE_TYPE"),
                        "ThreadedEnginePerDevice");
    }
}
