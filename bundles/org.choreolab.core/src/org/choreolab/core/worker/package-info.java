/**
 * The worker process's side of generator isolation, for the command line's hidden {@code worker}
 * command (see {@link org.choreolab.core.worker.WorkerHost}). Platform-internal: exported to
 * {@code org.choreolab.cli} only.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.choreolab.core.worker;
