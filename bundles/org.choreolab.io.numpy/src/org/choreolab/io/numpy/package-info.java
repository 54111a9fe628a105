/**
 * numpy's file formats: {@link org.choreolab.io.numpy.NdArray} values, {@code .npy} files
 * ({@link org.choreolab.io.numpy.Npy}) and pickles of numpy arrays in plain containers
 * ({@link org.choreolab.io.numpy.NumpyPickle}), read behind an allow-list so that no pickle can make
 * the reader construct anything but arrays, numbers, strings and containers.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package org.choreolab.io.numpy;
