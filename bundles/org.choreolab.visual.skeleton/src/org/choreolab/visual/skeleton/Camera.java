package org.choreolab.visual.skeleton;

/**
 * A perspective camera orbiting a target in a y-up world (AIST++ joints: metres, y up): yaw about the
 * vertical, pitch above the horizon, distance from the target. {@link #project} writes screen
 * coordinates into a caller's array, so painting a frame allocates nothing.
 */
public final class Camera {

    private double yaw = Math.toRadians(30), pitch = Math.toRadians(15), distance = 5, fovY = Math.toRadians(40);
    private double tx, ty = 0.9, tz;
    // derived: camera basis
    private double ex, ey, ez, rx, rz, ux, uy, uz, fx, fy, fz;

    public Camera() {
        update();
    }

    public Camera orbit(double yawDegrees, double pitchDegrees) {
        yaw = Math.toRadians(yawDegrees);
        pitch = Math.toRadians(Math.max(-89, Math.min(89, pitchDegrees)));
        update();
        return this;
    }

    public Camera distance(double metres) {
        distance = Math.max(0.5, metres);
        update();
        return this;
    }

    public Camera target(double x, double y, double z) {
        tx = x;
        ty = y;
        tz = z;
        update();
        return this;
    }

    public double yawDegrees() {
        return Math.toDegrees(yaw);
    }

    public double pitchDegrees() {
        return Math.toDegrees(pitch);
    }

    public double distance() {
        return distance;
    }

    private void update() {
        double cp = Math.cos(pitch);
        ex = tx + distance * cp * Math.sin(yaw);
        ey = ty + distance * Math.sin(pitch);
        ez = tz + distance * cp * Math.cos(yaw);
        // forward = target - eye, normalized
        fx = tx - ex;
        fy = ty - ey;
        fz = tz - ez;
        double n = Math.sqrt(fx * fx + fy * fy + fz * fz);
        fx /= n;
        fy /= n;
        fz /= n;
        // right = forward × up(0,1,0)
        rx = -fz;
        rz = fx;
        double rn = Math.sqrt(rx * rx + rz * rz);
        rx /= rn;
        rz /= rn;
        // up = right × forward
        ux = -rz * fy;
        uy = rz * fx - rx * fz;
        uz = rx * fy;
    }

    /**
     * Projects a world point into a viewport of {@code w × h} pixels at {@code (ox, oy)}; writes
     * {@code (x, y, depth)} into {@code dest} and returns false when the point is behind the camera.
     */
    public boolean project(double x, double y, double z, double ox, double oy, double w, double h, double[] dest) {
        double dx = x - ex, dy = y - ey, dz = z - ez;
        double depth = dx * fx + dy * fy + dz * fz;
        if (depth < 0.05) {
            return false;
        }
        double right = dx * rx + dz * rz;
        double up = dx * ux + dy * uy + dz * uz;
        double f = (h / 2) / Math.tan(fovY / 2);
        dest[0] = ox + w / 2 + f * right / depth;
        dest[1] = oy + h / 2 - f * up / depth;
        dest[2] = depth;
        return true;
    }
}
