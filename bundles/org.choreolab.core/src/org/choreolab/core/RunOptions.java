package org.choreolab.core;

import java.util.Map;

/**
 * How to run an experiment beyond what it is: which shard of the sequences, and which outcomes are
 * already known (from an earlier, interrupted run) and must not be computed again.
 *
 * @param shardIndex 1-based index of the shard to run
 * @param shardCount number of shards (1: everything)
 * @param completed  outcomes already computed, by {@link #key(String, String)}; ground-truth-pool
 *                   outcomes use the generator id {@link ResultRow#POOL}
 */
public record RunOptions(int shardIndex, int shardCount, Map<String, SequenceOutcome> completed) {

    public static final RunOptions NONE = new RunOptions(1, 1, Map.of());

    public RunOptions {
        if (shardCount < 1 || shardIndex < 1 || shardIndex > shardCount) {
            throw new IllegalArgumentException("shard " + shardIndex + "/" + shardCount + ": expected 1 ≤ I ≤ N");
        }
        completed = completed == null ? Map.of() : Map.copyOf(completed);
    }

    /** Whether the sequence at {@code index} of the split (in dataset order) belongs to this shard. */
    public boolean inShard(int index) {
        return index % shardCount == shardIndex - 1;
    }

    public boolean sharded() {
        return shardCount > 1;
    }

    public static String key(String generatorId, String sequenceId) {
        return generatorId + "/" + sequenceId;
    }
}
