package org.choreolab.model.fact.network;

import java.util.List;
import java.util.Map;

import org.choreolab.api.model.NetworkFactory;
import org.choreolab.model.fact.internal.FactConfig;

/**
 * FACT as DJL blocks. Loaded by an engine bundle, never by the FACT bundle itself (this package is
 * compiled against DJL's api but the bundle does not import it).
 */
public final class FactNetworkFactory implements NetworkFactory {

    @Override
    public Object create(Map<String, String> options) {
        return new FactBlock(FactConfig.of(options));
    }

    @Override
    public List<long[]> inputShapes(Map<String, String> options) {
        FactConfig c = FactConfig.of(options);
        return List.of(new long[] {1, c.motionLength(), c.motionDim()}, new long[] {1, c.audioLength(), c.audioDim()});
    }
}
