package org.choreolab.metrics.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.choreolab.api.Problem;
import org.choreolab.api.motion.MotionClip;
import org.choreolab.metrics.ClipChecks;
import org.choreolab.metrics.ClipChecks.Issue;
import org.choreolab.metrics.ClipChecks.Kind;
import org.choreolab.motion.ForwardKinematics;
import org.choreolab.motion.Smpl;
import org.junit.jupiter.api.Test;

/** Each check finds its fault at the first bad frame, and a sound dance passes them all. */
class ClipChecksTest {

    /** A dance by forward kinematics (bones keep their lengths), standing with the feet near y = 0. */
    static float[] dance(int frames, double walk) {
        float[] aa = new float[72 * frames], t = new float[3 * frames];
        for (int f = 0; f < frames; f++) {
            double time = f / 60.0;
            for (int i = 3; i < 72; i++) {
                aa[72 * f + i] = (float) (0.3 * Math.sin(2 * Math.PI * (0.5 + (i % 7) * 0.2) * time + i));
            }
            t[3 * f] = (float) (walk * f / frames + 0.3 * Math.sin(time));
            t[3 * f + 1] = (float) (0.93 + 0.03 * Math.sin(6 * time));
            t[3 * f + 2] = (float) (0.2 * Math.cos(0.7 * time));
        }
        MotionClip c = new ForwardKinematics(Smpl.NEUTRAL).withPositions(new MotionClip(Smpl.NEUTRAL, 60, t, aa, null));
        return c.positions(new float[frames * 72]);
    }

    static MotionClip clip(float[] p) {
        return new MotionClip(Smpl.NEUTRAL, 60, null, null, p);
    }

    @Test
    void aSoundDancePasses() {
        assertEquals(List.of(), ClipChecks.check(clip(dance(1200, 0.5))));
    }

    @Test
    void rootDriftIsFoundAtTheFirstFrameBeyondTheLimit() {
        float[] p = dance(1000, 0);
        for (int f = 0; f < 1000; f++) {
            for (int j = 0; j < 24; j++) {
                p[72 * f + 3 * j] += 0.006f * f; // 6 m over the clip
            }
        }
        List<Issue> issues = ClipChecks.check(clip(p));
        assertEquals(1, issues.size(), issues.toString());
        Issue i = issues.get(0);
        assertEquals(Kind.ROOT_DRIFT, i.kind());
        // Find the expected frame independently: the first whose root is more than 4 m from frame 0's.
        int expected = -1;
        for (int f = 0; f < 1000 && expected < 0; f++) {
            double dx = p[72 * f] - p[0], dy = p[72 * f + 1] - p[1], dz = p[72 * f + 2] - p[2];
            if (Math.sqrt(dx * dx + dy * dy + dz * dz) > 4) {
                expected = f;
            }
        }
        assertTrue(expected > 500, "the test clip drifts late: " + expected);
        assertEquals(expected, i.firstFrame());
        assertEquals(1000 - expected, i.frames(), "every later frame is further still");
        assertTrue(i.message().startsWith("the root is 4.0"), i.message());
        Problem pr = i.toProblem("gBR_x");
        assertEquals("gBR_x: root_drift: " + i.message(), pr.toString());
    }

    @Test
    void aJointBelowTheFloorIsFoundWithItsName() {
        float[] p = dance(300, 0);
        p[72 * 120 + 3 * 10 + 1] -= 0.5f; // left toes through the floor at frame 120
        p[72 * 121 + 3 * 10 + 1] -= 0.5f;
        List<Issue> issues = ClipChecks.check(clip(p));
        Issue i = issues.stream().filter(x -> x.kind() == Kind.BELOW_FLOOR).findFirst().orElseThrow(() -> new AssertionError(issues));
        assertEquals(120, i.firstFrame());
        assertEquals(2, i.frames());
        assertEquals(10, i.joint());
        assertTrue(i.message().startsWith("joint ltoes is 0."), i.message());
        // Moving the toes also stretches the ankle-toes bone: reported too, at the same frame.
        assertTrue(issues.stream().anyMatch(x -> x.kind() == Kind.BONE_LENGTH && x.firstFrame() == 120), issues.toString());
        // With the floor given lower, nothing is below it.
        assertTrue(ClipChecks.check(clip(p), ClipChecks.Limits.DEFAULT, -2).stream().noneMatch(x -> x.kind() == Kind.BELOW_FLOOR));
    }

    @Test
    void aChangingBoneIsFoundAtItsFirstFrame() {
        float[] p = dance(400, 0);
        for (int f = 250; f < 400; f++) {
            // The left forearm grows by 20 %: the wrist and the hand move along it, so only the elbow-wrist bone changes.
            for (int a = 0; a < 3; a++) {
                float d = 0.2f * (p[72 * f + 3 * 20 + a] - p[72 * f + 3 * 18 + a]);
                p[72 * f + 3 * 20 + a] += d;
                p[72 * f + 3 * 22 + a] += d;
            }
        }
        List<Issue> issues = ClipChecks.check(clip(p));
        assertEquals(1, issues.size(), issues.toString());
        Issue i = issues.get(0);
        assertEquals(Kind.BONE_LENGTH, i.kind());
        assertEquals(20, i.joint());
        assertEquals(250, i.firstFrame());
        assertEquals(150, i.frames());
        assertTrue(i.message().startsWith("bone lelbow-lwrist changes length by"), i.message());
    }

    @Test
    void nanIsFoundAtItsFirstFrameAndTheRestIsStillChecked() {
        float[] p = dance(200, 0);
        p[72 * 33 + 3 * 5 + 2] = Float.NaN;
        p[72 * 90 + 3 * 1] = Float.POSITIVE_INFINITY;
        List<Issue> issues = ClipChecks.check(clip(p));
        assertEquals(1, issues.size(), issues.toString());
        assertEquals(Kind.NON_FINITE, issues.get(0).kind());
        assertEquals(33, issues.get(0).firstFrame());
        assertEquals(5, issues.get(0).joint());
        assertEquals(2, issues.get(0).frames());
        assertEquals("NaN or infinite coordinates from frame 33 (joint rknee), in 2 of 200 frames", issues.get(0).message());
    }

    @Test
    void limitsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new ClipChecks.Limits(0, 0.1, 0.05));
        assertEquals("non_finite", Kind.NON_FINITE.code);
    }
}
