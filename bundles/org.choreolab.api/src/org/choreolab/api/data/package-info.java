/**
 * Datasets: the {@link org.choreolab.api.data.DatasetReader} service opens a folder as a
 * {@link org.choreolab.api.data.Dataset} of {@link org.choreolab.api.data.Sequence}s whose motion and
 * music are loaded on demand.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.choreolab.api.data;
