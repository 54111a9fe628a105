/**
 * BVH, the exchange format of animation tools: {@link org.choreolab.data.bvh.Bvh#read} turns a file
 * into a skeleton and a clip, {@link org.choreolab.data.bvh.Bvh#write} writes any clip with rotations
 * (SMPL clips included) as a file that Blender and other tools import. The {@code bvh} visualizer
 * service exports clips the same way.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.choreolab.data.bvh;
