/**
 * Music features as the original research code computed them with librosa 0.8.1 and resampy 0.2.2:
 * WAV input ({@link org.choreolab.audio.Wav}), resampling ({@link org.choreolab.audio.Resampler}),
 * spectrograms, MFCC and the onset envelope ({@link org.choreolab.audio.Spectral}), chroma CENS with
 * its constant-Q transform ({@link org.choreolab.audio.Chroma}), onset peaks and beat tracking
 * ({@link org.choreolab.audio.Rhythm}), the tuning estimate ({@link org.choreolab.audio.Pitch}), FACT's 35-d features
 * ({@link org.choreolab.audio.FactFeatures}) and Bailando's 438-d features ({@link org.choreolab.audio.BailandoFeatures}).
 * Each stage can be called and tested on its own; see {@code bundles/org.choreolab.testing/reference/audio/SPEC.md}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.2.0")
package org.choreolab.audio;
