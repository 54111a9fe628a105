/**
 * numpy's file formats: {@link org.choreolab.io.numpy.NdArray} values, {@code .npy} files
 * ({@link org.choreolab.io.numpy.Npy}) and pickles of numpy arrays in plain containers
 * ({@link org.choreolab.io.numpy.NumpyPickle}), read behind an allow-list so that no pickle can make
 * the reader construct anything but arrays, numbers, strings and containers, and within
 * {@link org.choreolab.io.numpy.ReadLimits} so that no file can exhaust memory or the stack or make a
 * reader run for ever. numpy's object arrays (what {@code np.save} writes for a dict) are
 * {@link org.choreolab.io.numpy.ObjectArray}s.
 */
@org.osgi.annotation.versioning.Version("0.2.0")
package org.choreolab.io.numpy;
