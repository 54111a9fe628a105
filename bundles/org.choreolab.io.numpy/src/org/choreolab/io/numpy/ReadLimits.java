package org.choreolab.io.numpy;

/**
 * The bounds every reader of this package applies, so that no input, malformed or hostile, can make
 * it run out of memory, recurse without end or run for ever. A file that goes beyond one is refused
 * with an error naming the file and the limit.
 *
 * <p>The defaults are far above what a legitimate file needs: an AIST++ motion pickle is a dict of
 * four values nested two levels deep with under a million array items (a 3,000-frame sequence holds
 * 216,000), and the outputs of Bailando, EDGE and FACT are of the same kind.
 *
 * @param maxFileBytes  the largest file read, in bytes (a file is read whole, once)
 * @param maxDepth      the deepest nesting of containers (dicts, lists, tuples, sets, object arrays)
 *                      in a pickle; a container that holds itself counts as too deep
 * @param maxValues     the most values a pickle may create or reference while it is read, and the
 *                      most it may expand to once its shared (memoised) values are copied out
 * @param maxArrayItems the most items of all the arrays of one file together
 */
public record ReadLimits(long maxFileBytes, int maxDepth, long maxValues, long maxArrayItems) {

    /** 256 MiB files, 32 levels, a million values, 2^25 (33.5 million) array items. */
    public static final ReadLimits DEFAULT = new ReadLimits(256L << 20, 32, 1_000_000, 1L << 25);

    public ReadLimits {
        if (maxFileBytes <= 0 || maxFileBytes > Integer.MAX_VALUE - 16 || maxDepth <= 0 || maxValues <= 0 || maxArrayItems <= 0) {
            throw new IllegalArgumentException("read limits must be positive (and files under 2 GiB): " + maxFileBytes + ", "
                    + maxDepth + ", " + maxValues + ", " + maxArrayItems);
        }
    }
}
