/**
 * Visualizers render motion (and its music) to files: pictures, animations, exports.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.choreolab.api.visual;
