/**
 * Generators and the engines they run on: {@link org.choreolab.api.model.MotionGenerator} services
 * produce motion for a sequence's music; {@link org.choreolab.api.model.ModelBackend} services wrap
 * a deep-learning engine (one bundle per engine) behind plain tensors, so no engine type leaks here.
 * Since 0.3 a generator declares what it needs ({@link org.choreolab.api.model.GeneratorNeeds}: music
 * encoder, seed length, frame rate, {@link org.choreolab.api.model.GeneratorOutput}) and the platform
 * prepares its requests from that; requests carry per-run parameter overrides, and generators have a
 * batch entry point. Since 0.4 a loaded model says how many predictions may run at once
 * ({@link org.choreolab.api.model.LoadedModel#concurrentCalls()}).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.4.0")
package org.choreolab.api.model;
