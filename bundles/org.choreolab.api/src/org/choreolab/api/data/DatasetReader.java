package org.choreolab.api.data;

import java.io.IOException;
import java.nio.file.Path;

import org.choreolab.api.Component;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Opens datasets of one on-disk layout. Registered as an OSGi service.
 */
@ConsumerType
public interface DatasetReader extends Component {

    /** Whether {@code root} looks like a dataset of this reader's layout. */
    boolean accepts(Path root);

    /**
     * Opens the dataset at {@code root}. Sequences that cannot be used are reported in
     * {@link Dataset#problems()} and left out, unless {@code failFast} is set, in which case the
     * first problem is thrown.
     */
    Dataset open(Path root, boolean failFast) throws IOException;

    /**
     * The dataset this reader ships or generates for users with no data of their own, if any.
     */
    default java.util.Optional<Dataset> openEmbedded() throws IOException {
        return java.util.Optional.empty();
    }
}
