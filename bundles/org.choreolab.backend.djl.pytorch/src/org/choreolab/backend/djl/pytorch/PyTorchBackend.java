package org.choreolab.backend.djl.pytorch;

import org.choreolab.api.model.ModelBackend;
import org.choreolab.backend.djl.DjlBackend;
import org.osgi.service.component.annotations.Component;

/** PyTorch through DJL: runs TorchScript files and networks built from DJL blocks. */
@Component(service = ModelBackend.class, property = "choreolab.engine=PyTorch")
public final class PyTorchBackend extends DjlBackend {

    public PyTorchBackend() {
        super("PyTorch", "2.7.1");
    }
}
