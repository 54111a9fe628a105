/**
 * Generators and the engines they run on: {@link org.choreolab.api.model.MotionGenerator} services
 * produce motion for a sequence's music; {@link org.choreolab.api.model.ModelBackend} services wrap
 * a deep-learning engine (one bundle per engine) behind plain tensors, so no engine type leaks here.
 */
@org.osgi.annotation.versioning.Version("0.2.0")
package org.choreolab.api.model;
