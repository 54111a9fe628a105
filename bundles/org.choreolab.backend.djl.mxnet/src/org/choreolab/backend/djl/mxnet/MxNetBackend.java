package org.choreolab.backend.djl.mxnet;

import org.choreolab.api.model.ModelBackend;
import org.choreolab.backend.djl.DjlBackend;
import org.osgi.service.component.annotations.Component;

/** Apache MXNet through DJL: runs networks built from DJL blocks (and MXNet symbol files). */
@Component(service = ModelBackend.class, property = "choreolab.engine=MXNet")
public final class MxNetBackend extends DjlBackend {

    public MxNetBackend() {
        super("MXNet", "1.9.1");
    }
}
