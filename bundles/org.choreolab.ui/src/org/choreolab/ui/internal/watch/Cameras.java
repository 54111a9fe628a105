package org.choreolab.ui.internal.watch;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.choreolab.api.motion.MotionClip;
import org.choreolab.visual.skeleton.Camera;
import org.choreolab.visual.skeleton.SkeletonPainter;

/**
 * Where each panel's camera looks, so that no dancer leaves the picture: {@link Mode#FOLLOW} keeps the
 * camera on the dancer (its root, smoothed over half a second; the floor grid shows the travel);
 * {@link Mode#FRAME} frames the whole dance, every joint of every frame, from one place. The user's
 * orbit and zoom apply to every panel alike.
 */
final class Cameras {

    enum Mode {
        FOLLOW, FRAME;

        static Mode of(String s) {
            return "frame".equalsIgnoreCase(s) ? FRAME : FOLLOW;
        }
    }

    /** The camera's vertical field of view (Camera's own). */
    private static final double HALF_FOV = Math.toRadians(20);
    /** Half the size of a box holding a dancer in place (arms out, a step aside), metres. */
    private static final double DANCER = 1.3;

    private final Map<MotionClip, double[]> bounds = new IdentityHashMap<>();
    private double yaw = 30, pitch = 15, zoom = 1;
    private Mode mode = Mode.FOLLOW;

    Mode mode() {
        return mode;
    }

    void mode(Mode m) {
        mode = m;
    }

    double yaw() {
        return yaw;
    }

    double pitch() {
        return pitch;
    }

    void orbit(double dxDegrees, double dyDegrees) {
        yaw -= dxDegrees;
        pitch = Math.max(-80, Math.min(85, pitch + dyDegrees));
    }

    void zoom(double factor) {
        zoom = Math.max(0.2, Math.min(5, zoom * factor));
    }

    /** Aims every panel's camera for the instant {@code seconds}, for panels {@code w × h} pixels. */
    void place(List<SkeletonPainter.Panel> panels, double seconds, double w, double h) {
        double aspect = Math.max(0.1, w / Math.max(1, h));
        double half = Math.min(HALF_FOV, Math.atan(Math.tan(HALF_FOV) * aspect));
        for (SkeletonPainter.Panel p : panels) {
            Camera c = p.camera();
            c.orbit(yaw, pitch);
            MotionClip clip = p.clip();
            if (mode == Mode.FRAME) {
                double[] b = bounds.computeIfAbsent(clip, Cameras::bounds);
                c.target(b[0], b[1], b[2]).distance(zoom * b[3] / Math.sin(half));
            } else {
                int f = (int) Math.min(clip.frameCount() - 1, Math.max(0, Math.round(seconds * clip.fps())));
                // a window symmetric about the frame (narrower at the ends), so the average stays on the dancer
                int k = (int) Math.min(Math.round(clip.fps() / 4), Math.min(f, clip.frameCount() - 1 - f));
                double x = 0, z = 0;
                int n = 0;
                for (int i = f - k; i <= f + k; i++, n++) {
                    x += clip.position(i, 0, 0);
                    z += clip.position(i, 0, 2);
                }
                double[] b = bounds.computeIfAbsent(clip, Cameras::bounds);
                c.target(x / n, b[4], z / n).distance(zoom * DANCER / Math.sin(half));
            }
        }
    }

    /** Centre x, y, z and radius of every joint over the clip, and the root's mean height. */
    private static double[] bounds(MotionClip c) {
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE}, hi = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        double rootY = 0;
        int joints = c.skeleton().parents().length;
        for (int f = 0; f < c.frameCount(); f++) {
            for (int j = 0; j < joints; j++) {
                for (int a = 0; a < 3; a++) {
                    double v = c.position(f, j, a);
                    if (Double.isFinite(v)) {
                        lo[a] = Math.min(lo[a], v);
                        hi[a] = Math.max(hi[a], v);
                    }
                }
            }
            rootY += c.position(f, 0, 1);
        }
        if (lo[0] > hi[0]) {
            return new double[] {0, 0.9, 0, DANCER, 0.9};
        }
        double dx = hi[0] - lo[0], dy = hi[1] - lo[1], dz = hi[2] - lo[2];
        double r = Math.max(DANCER * 0.8, 0.5 * Math.sqrt(dx * dx + dy * dy + dz * dz));
        return new double[] {(lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2, (lo[2] + hi[2]) / 2, r,
                Double.isFinite(rootY) ? rootY / Math.max(1, c.frameCount()) : 0.9};
    }
}
