/**
 * Folders of generated motion as the field's research code writes them, read into clips Choreolab
 * can score: {@link org.choreolab.data.outputs.OutputFolder#open} detects each file's
 * {@link org.choreolab.data.outputs.OutputFormat} (Choreolab's joints {@code .npy}, Bailando's
 * {@code np.save} of {@code {'pred_position'}}, EDGE's pickles, AIST++/FACT SMPL motion pickles,
 * mint's 225-d {@code .npy}), its frame rate and its {@link org.choreolab.data.outputs.UpAxis}, or
 * takes them from {@link org.choreolab.data.outputs.OutputFolder.Options}; turns every clip into
 * world joints in metres, y up; and names each after the dataset sequence (or music) it was made for.
 * Files are read behind {@code org.choreolab.io.numpy}'s allow-list and limits.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.choreolab.data.outputs;
