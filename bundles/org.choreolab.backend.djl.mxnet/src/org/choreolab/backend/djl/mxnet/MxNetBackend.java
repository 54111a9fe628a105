package org.choreolab.backend.djl.mxnet;

import java.util.LinkedHashMap;
import java.util.Map;

import org.choreolab.api.model.ModelBackend;
import org.choreolab.backend.djl.DjlBackend;
import org.choreolab.backend.djl.EngineThreads;
import org.osgi.service.component.annotations.Component;

/** Apache MXNet through DJL: runs networks built from DJL blocks (and MXNet symbol files). */
@Component(service = ModelBackend.class, property = {"choreolab.engine=MXNet", "choreolab.id=mxnet"})
public final class MxNetBackend extends DjlBackend {

    public MxNetBackend() {
        super("MXNet", "1.9.1");
    }

    /**
     * One thread unless a count was asked for (--threads, CHOREOLAB_THREADS, OMP_NUM_THREADS, which Slurm's
     * launcher sets). Measured on FACT's small network (README, engines benchmark): one OpenMP thread is faster
     * than two (81 against 56-62 frames/s at batch 1, the same at batch 8) and keeps its share beside two busy
     * processes (56 % of its idle speed against 26 %): MXNet's threads meet at a barrier in every operator, so
     * one that the machine deschedules stalls the other. Large networks gain from more: ask for them.
     */
    @Override
    protected int nativeThreads(EngineThreads.Choice t) {
        return t.explicit() || t.reason().equals("OMP_NUM_THREADS") ? t.threads() : 1;
    }

    @Override
    protected Map<String, String> nativeEnvironment(int threads) {
        Map<String, String> env = new LinkedHashMap<>();
        // Without it MXNet takes half of omp_get_num_procs() on x86 (it assumes hyper-threads): one thread on two cores.
        env.put("MXNET_OMP_MAX_THREADS", Integer.toString(threads));
        // One worker pushes the operators; each operator's own parallelism comes from OpenMP.
        env.put("MXNET_CPU_WORKER_NTHREADS", "1");
        // Each operator runs in the calling thread instead of being queued to the engine's worker and waited
        // for: FACT small generates 20 % more frames per second (engines benchmark, README: 110.7 against
        // 92.5 at batch 1, 128.2 against 106.6 at batch 8) and keeps as much of its speed beside busy
        // processes. It is also what DJL asks for when several threads run MXNet at once. A value the user
        // set is kept (EngineThreads.export).
        env.put("MXNET_ENGINE_TYPE", "NaiveEngine");
        return env;
    }

    /**
     * Calls from several threads at once only with NaiveEngine (the default here), which runs each operator in
     * the calling thread; DJL asks for it for multi-threaded inference.
     */
    @Override
    protected boolean concurrentCallsSafe() {
        return "NaiveEngine".equals(EngineThreads.nativeGetenv("MXNET_ENGINE_TYPE"));
    }

    /**
     * MXNet makes its execution engine on the first array and, when MXNET_ENGINE_TYPE chose one, says so in a
     * line of its own on the process's standard error ("MXNet start using engine: NaiveEngine"), in the middle
     * of a command's output. The first array is made here, with that line kept off the terminal.
     */
    @Override
    protected void started(ai.djl.engine.Engine loaded) {
        EngineThreads.withoutNativeStderr(() -> {
            try (ai.djl.ndarray.NDManager m = loaded.newBaseManager()) {
                m.zeros(new ai.djl.ndarray.types.Shape(1)).toFloatArray();
            }
        });
    }

    @Override
    protected String threadsInEffect(int threads) {
        return "MXNet OpenMP " + org.choreolab.backend.djl.EngineThreads.nativeGetenv("MXNET_OMP_MAX_THREADS") + ", engine "
                + java.util.Objects.requireNonNullElse(org.choreolab.backend.djl.EngineThreads.nativeGetenv("MXNET_ENGINE_TYPE"),
                        "ThreadedEnginePerDevice");
    }
}
