/**
 * The AIST++ dataset as distributed: {@link org.choreolab.data.aistpp.AistppName} (the sequence-name
 * grammar), {@link org.choreolab.data.aistpp.AistppDataset} (motions, keypoints, splits, ignore list,
 * music) and {@link org.choreolab.data.aistpp.SampleDataset}, the small dataset in the same layout that
 * Choreolab generates for users with no data of their own. The reader itself is a
 * {@code DatasetReader} service with id {@code aistpp}.
 */
@org.osgi.annotation.versioning.Version("0.2.0")
package org.choreolab.data.aistpp;
