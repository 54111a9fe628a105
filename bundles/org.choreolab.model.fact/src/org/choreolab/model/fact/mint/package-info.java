/**
 * mint's released FACT (google-research/mint, a TensorFlow 2 checkpoint) as a Choreolab FACT model:
 * {@link org.choreolab.model.fact.mint.MintCheckpoint} reads the checkpoint without TensorFlow, maps
 * mint's Keras variables onto FACT's DJL blocks, checks every shape, and writes the model folder that
 * the {@code fact-pytorch} and {@code fact-mxnet} generators load ({@code choreolab import fact-checkpoint}).
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.choreolab.model.fact.mint;
