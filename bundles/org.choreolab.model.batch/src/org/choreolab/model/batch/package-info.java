/**
 * Several sequences' generation advanced together, one forward pass per step for all of them
 * ({@link org.choreolab.model.batch.BatchedRollouts}): the one home of batched autoregression, used by FACT and
 * by exported models alike, so the per-sequence logic of each generator stays its one-at-a-time
 * loop.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package org.choreolab.model.batch;
