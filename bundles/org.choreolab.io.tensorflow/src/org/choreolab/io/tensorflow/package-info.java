/**
 * TensorFlow's checkpoint files, read without TensorFlow: the tensor bundle ({@code PREFIX.index},
 * a LevelDB-style table of {@code BundleEntryProto}s, beside {@code PREFIX.data-NNNNN-of-MMMMM}
 * holding the raw tensor bytes), with every checksum the format has verified, and the object graph
 * that {@code tf.train.Checkpoint} stores in it ({@link org.choreolab.io.tensorflow.ObjectGraph}).
 * Every size read from a file is checked against the file before anything is allocated, so a
 * corrupt or hostile file gives a one-line error naming the file and the entry, never an
 * out-of-memory error.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.choreolab.io.tensorflow;
