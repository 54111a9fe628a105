package org.choreolab.data.outputs;

import java.nio.file.Path;

import org.choreolab.api.motion.MotionClip;

/**
 * One generated dance read from a file.
 *
 * @param name   the dataset sequence it was made for ({@code gBR_sBM_cAll_d04_mBR0_ch01}), else the
 *               music id ({@code mBR0}) when that is all the file says, else the file's stem
 * @param music  the music id it was made for, when the file says ({@code mint}'s audio name, an AIST++
 *               name's fifth field, EDGE's music-named file), else empty
 * @param file   where it was read from
 * @param format the format detected or stated
 * @param fps    its frame rate
 * @param up     the up axis of the file (the clip is always y up)
 * @param clip   world joints in metres, y up, on the SMPL skeleton (with rotations when the file has them)
 * @param note   how something was decided that a reader should know (an up axis read from the data, a
 *               music id matched to a sequence), else empty
 */
public record Output(String name, String music, Path file, OutputFormat format, double fps, UpAxis up, MotionClip clip, String note) {
}
