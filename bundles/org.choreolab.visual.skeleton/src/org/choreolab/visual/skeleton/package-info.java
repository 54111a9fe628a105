/**
 * Drawing skeletons: an orbit {@link org.choreolab.visual.skeleton.Camera}, a
 * {@link org.choreolab.visual.skeleton.SkeletonPainter} that paints side-by-side clips through a
 * small {@link org.choreolab.visual.skeleton.Pen} (Java 2D here, SWT in the workbench), and
 * {@link org.choreolab.visual.skeleton.Animations} writing GIF, PNG and MP4.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.choreolab.visual.skeleton;
