/**
 * Audio values ({@link org.choreolab.api.audio.Audio}, {@link org.choreolab.api.audio.AudioFeatures})
 * and the {@link org.choreolab.api.audio.AudioEncoder} service that turns music into per-frame
 * features aligned with motion frames.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.choreolab.api.audio;
