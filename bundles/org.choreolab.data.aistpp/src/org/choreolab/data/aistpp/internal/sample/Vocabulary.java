package org.choreolab.data.aistpp.internal.sample;

import static org.choreolab.data.aistpp.internal.sample.Body.ABD;
import static org.choreolab.data.aistpp.internal.sample.Body.ATWIST;
import static org.choreolab.data.aistpp.internal.sample.Body.BEND;
import static org.choreolab.data.aistpp.internal.sample.Body.CHEST;
import static org.choreolab.data.aistpp.internal.sample.Body.ELBOW;
import static org.choreolab.data.aistpp.internal.sample.Body.ELEV;
import static org.choreolab.data.aistpp.internal.sample.Body.FLEX;
import static org.choreolab.data.aistpp.internal.sample.Body.HEAD_TILT;
import static org.choreolab.data.aistpp.internal.sample.Body.HEAD_TURN;
import static org.choreolab.data.aistpp.internal.sample.Body.HUNCH;
import static org.choreolab.data.aistpp.internal.sample.Body.KNEE;
import static org.choreolab.data.aistpp.internal.sample.Body.NOD;
import static org.choreolab.data.aistpp.internal.sample.Body.PITCH;
import static org.choreolab.data.aistpp.internal.sample.Body.PLANE;
import static org.choreolab.data.aistpp.internal.sample.Body.POINT;
import static org.choreolab.data.aistpp.internal.sample.Body.ROLL;
import static org.choreolab.data.aistpp.internal.sample.Body.ROT;
import static org.choreolab.data.aistpp.internal.sample.Body.SIDE;
import static org.choreolab.data.aistpp.internal.sample.Body.SPINE_TWIST;
import static org.choreolab.data.aistpp.internal.sample.Body.TOE;
import static org.choreolab.data.aistpp.internal.sample.Body.TWIST;
import static org.choreolab.data.aistpp.internal.sample.Body.WRIST;
import static org.choreolab.data.aistpp.internal.sample.Body.YAW;
import static org.choreolab.data.aistpp.internal.sample.Body.arm;
import static org.choreolab.data.aistpp.internal.sample.Body.leg;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The moves the synthetic dancers know, and each genre's vocabulary of them with its stance.
 *
 * <p>A move fills the key poses of a block of beats (the pose reached on each beat). Leg, arm and
 * torso moves are layered, so a block combines, say, a knee lift with a punch and a chest pop;
 * whole-body moves (a fold to the floor, a spin, a freeze) set everything. Between them the moves
 * cover Bailando's 32 geometric features: hands above the head, wide arms, bent elbows, fast hands,
 * lifted and kicked legs, wide stances, lunges, a torso leaning back or horizontal, hands near the
 * floor, a travelling root.
 */
final class Vocabulary {

    enum Kind { LEGS, ARMS, TORSO, WHOLE }

    enum Move {
        // Legs.
        STAND(Kind.LEGS), STEP_TOUCH(Kind.LEGS), STEPS(Kind.LEGS), KNEE_LIFT(Kind.LEGS), KICK(Kind.LEGS), SQUAT(Kind.LEGS),
        LUNGE(Kind.LEGS), STOMP(Kind.LEGS), SWIVEL(Kind.LEGS), CROSS(Kind.LEGS), ARABESQUE(Kind.LEGS), RELEVE(Kind.LEGS),
        // Arms.
        HANG(Kind.ARMS), SWING(Kind.ARMS), RAISE(Kind.ARMS), SPREAD(Kind.ARMS), PUNCH(Kind.ARMS), GOALPOST(Kind.ARMS),
        CROSS_OPEN(Kind.ARMS), CLAP(Kind.ARMS), WHIP(Kind.ARMS), POINT_UP(Kind.ARMS), HIPS(Kind.ARMS), FLOW(Kind.ARMS),
        CHEST_HIT(Kind.ARMS),
        // Torso.
        STILL(Kind.TORSO), CHEST_POP(Kind.TORSO), LEAN_BACK(Kind.TORSO), TORSO_TWIST(Kind.TORSO), SIDE_BEND(Kind.TORSO),
        BODY_ROLL(Kind.TORSO), HEAD_NOD(Kind.TORSO), CONTRACT(Kind.TORSO),
        // Whole body.
        FOLD(Kind.WHOLE), CROUCH_TOUCH(Kind.WHOLE), SPIN(Kind.WHOLE), FREEZE(Kind.WHOLE), DIP(Kind.WHOLE);

        final Kind kind;

        Move(Kind kind) {
            this.kind = kind;
        }
    }

    /** One use of a move: its amplitude, side, travel direction and free parameters in [0, 1). */
    record Use(Move move, double amp, boolean left, double direction, double[] r) {

        double r(int i, double lo, double hi) {
            return lo + (hi - lo) * r[i];
        }
    }

    /**
     * A genre: its stance (knee bend, forward lean, arm carriage), how sharply it hits the beat (below
     * 1 the dancer holds each pose around the beat, longer the sharper), its grooves, how often it turns, how far a step
     * goes, and its moves with weights for basic and advanced choreographies.
     */
    record Style(double knees, double lean, double armElev, double armPlane, double elbow, double sharp, double bounce,
            double nod, double chest, double sway, double turn, double stride, Map<Move, double[]> moves,
            double wholeBasic, double wholeAdvanced) {

        List<Move> of(Kind k, boolean basic) {
            List<Move> out = new ArrayList<>();
            moves.forEach((m, w) -> {
                if (m.kind == k && w[basic ? 0 : 1] > 0) {
                    out.add(m);
                }
            });
            return out;
        }

        double weight(Move m, boolean basic) {
            double[] w = moves.get(m);
            return w == null ? 0 : w[basic ? 0 : 1];
        }
    }

    static final Map<String, Style> STYLES = Map.of(
            "gBR", style(0.40, 0.15, 0.40, 0.6, 0.9, 0.75, 0.18, 0.10, 0.05, 0.04, 0.25, 0.30,
                    "STEPS 3 2, STEP_TOUCH 2 1, KICK 1 1, LUNGE 1 2, CROSS 2 1, STAND 1 0.5, "
                            + "SWING 3 2, PUNCH 1 2, CROSS_OPEN 1 1, HANG 1 0.5, GOALPOST 0 1, "
                            + "STILL 3 2, TORSO_TWIST 1 1, HEAD_NOD 1 1, "
                            + "CROUCH_TOUCH 1 2, FREEZE 0 2, SPIN 0 1, DIP 1 1, FOLD 0 1", 0.20, 0.40),
            "gPO", style(0.20, 0.02, 0.30, 0.5, 1.2, 0.55, 0.08, 0.12, 0.18, 0.03, 0.15, 0.20,
                    "STAND 3 2, STEP_TOUCH 2 1, SWIVEL 1 2, STEPS 1 1, LUNGE 0 1, "
                            + "PUNCH 2 2, GOALPOST 2 2, POINT_UP 1 2, CHEST_HIT 3 2, HANG 1 1, SPREAD 0 1, "
                            + "CHEST_POP 3 2, BODY_ROLL 1 2, HEAD_NOD 2 1, LEAN_BACK 0 1, CONTRACT 1 2, "
                            + "DIP 1 2, FOLD 0 0.5", 0.10, 0.20),
            "gLO", style(0.25, 0.05, 0.45, 0.7, 0.9, 0.60, 0.10, 0.10, 0.05, 0.04, 0.20, 0.25,
                    "KNEE_LIFT 2 2, KICK 1 2, SQUAT 2 1, STEP_TOUCH 2 1, STEPS 0 1, "
                            + "POINT_UP 3 2, RAISE 1 2, CLAP 2 1, GOALPOST 1 1, HIPS 1 1, "
                            + "LEAN_BACK 1 2, HEAD_NOD 2 1, STILL 2 1, "
                            + "DIP 1 1, FOLD 1 1, SPIN 0 1", 0.15, 0.30),
            "gMH", style(0.30, 0.08, 0.35, 0.6, 1.0, 0.80, 0.25, 0.18, 0.10, 0.05, 0.20, 0.25,
                    "STAND 3 1, STEP_TOUCH 3 2, STEPS 2 2, KNEE_LIFT 1 1, CROSS 0 1, "
                            + "SWING 3 2, PUNCH 1 2, CROSS_OPEN 1 1, HANG 1 1, "
                            + "CHEST_POP 2 2, HEAD_NOD 3 2, TORSO_TWIST 1 1, CONTRACT 0 0.7, "
                            + "DIP 1 2, CROUCH_TOUCH 0 1", 0.10, 0.20),
            "gLH", style(0.35, 0.10, 0.40, 0.5, 0.8, 0.70, 0.20, 0.12, 0.10, 0.06, 0.25, 0.30,
                    "STEPS 3 2, LUNGE 2 2, SQUAT 1 2, STOMP 1 1, STEP_TOUCH 1 1, "
                            + "SWING 2 2, RAISE 1 2, SPREAD 1 2, PUNCH 1 1, "
                            + "LEAN_BACK 1 2, SIDE_BEND 1 1, HEAD_NOD 2 1, CONTRACT 0 0.7, STILL 1 1, "
                            + "DIP 1 1, CROUCH_TOUCH 1 2, SPIN 0 1", 0.15, 0.30),
            "gHO", style(0.25, 0.05, 0.30, 0.5, 0.7, 0.90, 0.22, 0.15, 0.12, 0.05, 0.30, 0.35,
                    "STEPS 3 3, STEP_TOUCH 2 1, SWIVEL 2 2, KNEE_LIFT 1 2, CROSS 1 2, "
                            + "SWING 2 2, HANG 2 1, SPREAD 1 2, RAISE 0 1, "
                            + "BODY_ROLL 3 2, HEAD_NOD 1 1, LEAN_BACK 0 1, CONTRACT 0 0.5, "
                            + "SPIN 0 2, DIP 1 1, CROUCH_TOUCH 0 1", 0.10, 0.35),
            "gWA", style(0.15, 0.00, 0.60, 0.4, 0.6, 0.55, 0.08, 0.08, 0.05, 0.08, 0.25, 0.25,
                    "STEPS 2 2, STEP_TOUCH 2 1, STAND 2 1, RELEVE 0 1, "
                            + "WHIP 3 3, RAISE 2 2, POINT_UP 1 2, SPREAD 1 1, GOALPOST 1 1, "
                            + "SIDE_BEND 2 1, TORSO_TWIST 1 1, LEAN_BACK 1 1, CONTRACT 0 0.5, STILL 1 1, "
                            + "SPIN 1 2, FOLD 0 1, DIP 0 1", 0.10, 0.30),
            "gKR", style(0.45, 0.10, 0.45, 0.5, 1.1, 0.55, 0.15, 0.10, 0.25, 0.06, 0.20, 0.25,
                    "STOMP 3 2, SQUAT 2 2, LUNGE 1 2, STAND 1 1, "
                            + "PUNCH 2 2, SWING 2 1, SPREAD 1 2, RAISE 1 1, CHEST_HIT 1 2, "
                            + "CHEST_POP 3 2, LEAN_BACK 2 2, CONTRACT 1.5 3, STILL 1 1, "
                            + "DIP 1 2, CROUCH_TOUCH 1 1, FOLD 0 1", 0.15, 0.30),
            "gJS", style(0.15, 0.00, 0.35, 0.7, 0.5, 0.80, 0.08, 0.05, 0.08, 0.06, 0.25, 0.30,
                    "KICK 2 2, STEP_TOUCH 2 1, RELEVE 1 2, KNEE_LIFT 1 1, LUNGE 1 1, STEPS 1 1, "
                            + "RAISE 2 2, SPREAD 2 2, FLOW 1 2, POINT_UP 1 1, CLAP 1 1, "
                            + "BODY_ROLL 2 2, SIDE_BEND 1 1, LEAN_BACK 0 1, STILL 1 1, "
                            + "SPIN 1 2, FOLD 0 1", 0.15, 0.30),
            "gJB", style(0.05, 0.00, 0.40, 0.9, 0.4, 1.00, 0.03, 0.03, 0.02, 0.04, 0.20, 0.30,
                    "RELEVE 2 2, KICK 2 2, ARABESQUE 1 2, SQUAT 2 1, KNEE_LIFT 1 1, STEPS 1 1, "
                            + "FLOW 3 3, SPREAD 2 2, RAISE 2 2, "
                            + "SIDE_BEND 1 2, LEAN_BACK 1 1, STILL 2 1, "
                            + "SPIN 1 2, FOLD 1 2", 0.15, 0.35));

    private static Style style(double knees, double lean, double armElev, double armPlane, double elbow, double sharp,
            double bounce, double nod, double chest, double sway, double turn, double stride, String moves,
            double wholeBasic, double wholeAdvanced) {
        Map<Move, double[]> m = new LinkedHashMap<>();
        for (String item : moves.split(",")) {
            String[] f = item.trim().split("\\s+");
            m.put(Move.valueOf(f[0]), new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])});
        }
        return new Style(knees, lean, armElev, armPlane, elbow, sharp, bounce, nod, chest, sway, turn, stride, m,
                wholeBasic, wholeAdvanced);
    }

    private Vocabulary() {
    }

    /** How many beats a move takes (2 or 4). */
    static int[] lengths(Move m) {
        return switch (m) {
            case FREEZE, DIP, CROSS_OPEN, CLAP, GOALPOST, CROUCH_TOUCH -> new int[] {2};
            case SPIN -> new int[] {2, 4};
            default -> new int[] {2, 4};
        };
    }

    /** An easing exponent used as it is, not scaled by the genre: a release faster than any hit. */
    static final double SNAP = 0.4;

    /** Easing exponent of a move's segments: below 1 leaves and reaches the poses fast, with a hard stop on the beat. */
    static double sharpness(Move m) {
        return switch (m) {
            case CONTRACT -> SNAP;
            case PUNCH, CHEST_HIT, CHEST_POP, WHIP, FREEZE, DIP, POINT_UP, STOMP -> 0.6;
            case KICK, CROSS_OPEN -> 0.75;
            default -> 1.0;
        };
    }

    private static void setArm(double[] p, boolean left, double elev, double plane, double twist, double elbow) {
        int o = arm(left);
        p[o + ELEV] = elev;
        p[o + PLANE] = plane;
        p[o + ATWIST] = twist;
        p[o + ELBOW] = elbow;
    }

    private static void setLeg(double[] p, boolean left, double flex, double abd, double knee) {
        int o = leg(left);
        p[o + FLEX] = flex;
        p[o + ABD] = abd;
        p[o + KNEE] = knee;
    }

    /** The knee bend that, with the thigh flexed by half of it, keeps the foot under the hip. */
    private static void bendLeg(double[] p, boolean left, double knee) {
        int o = leg(left);
        p[o + KNEE] = knee;
        p[o + FLEX] = knee / 2;
    }

    /**
     * Writes beat {@code i} (0-based) of a block of {@code len} beats of {@code u} into pose {@code p}
     * (which holds the stance). Returns the leg that swings during the beat leading to this pose (+1
     * left, −1 right, 0 none) so the synthesizer can lift its foot.
     */
    static int apply(Use u, double[] p, int i, int len) {
        double a = u.amp();
        boolean s = u.left() ^ (i / 2 % 2 == 1);
        boolean last = i == len - 1;
        switch (u.move()) {
            case STAND -> {
                p[ROLL] += (i % 2 == 0 ? 1 : -1) * 0.05 * a;
                return 0;
            }
            case STEP_TOUCH -> {
                boolean lead = u.left() ^ (i % 2 == 1);
                int lo = leg(lead), to = leg(!lead);
                p[lo + ABD] = u.r(0, 0.12, 0.25) * a;
                p[to + ABD] = -0.04;
                p[to + KNEE] += 0.35 * a;
                p[to + FLEX] += 0.1;
                p[to + POINT] = 0.45;
                p[ROLL] += (lead ? 1 : -1) * 0.06;
                return lead ? 1 : -1;
            }
            case STEPS -> {
                // Alternate legs; the leading foot reaches in the travel direction, the other trails; the
                // planted foot carries the body, so the dancer travels a stride per beat.
                boolean lead = u.left() ^ (i % 2 == 1);
                double dir = u.direction();
                if (len == 4 && i >= 2 && u.r[5] < 0.5) {
                    dir += Math.PI; // out and back
                }
                double st = u.r(0, 0.18, 0.32) * a;
                if (last) {
                    st *= 0.35; // close the feet on the last beat
                }
                double fx = Math.cos(dir) * st, sx = Math.sin(dir) * st;
                int lo = leg(lead), to = leg(!lead);
                p[lo + FLEX] += fx;
                p[lo + ABD] += (lead ? 1 : -1) * sx;
                p[to + FLEX] -= fx;
                p[to + ABD] -= (lead ? -1 : 1) * sx;
                p[lo + KNEE] += 0.1;
                return lead ? 1 : -1;
            }
            case KNEE_LIFT -> {
                if (i % 2 == 0) {
                    int o = leg(s);
                    p[o + FLEX] = u.r(0, 0.9, 1.8) * a;
                    p[o + KNEE] = u.r(1, 1.1, 2.1);
                    p[o + POINT] = u.r(2, 0.2, 0.8);
                    p[o + ABD] = u.r(3, -0.05, 0.3);
                    return s ? 1 : -1;
                }
                return 0;
            }
            case KICK -> {
                if (i % 2 == 0) {
                    int o = leg(s);
                    p[o + FLEX] = u.r(0, 1.0, 1.9) * a;
                    p[o + KNEE] = u.r(1, 0.0, 0.45);
                    p[o + POINT] = 0.7;
                    p[o + ABD] = u.r(2, -0.1, 0.5);
                    p[PITCH] -= 0.1;
                    return s ? 1 : -1;
                }
                return 0;
            }
            case SQUAT -> {
                if (i % 2 == 0 || len == 4 && i == 1) {
                    // From a deep plié to a wide straddle with straighter legs.
                    double ab = u.r(1, 0.3, 0.9), k = u.r(0, 0.5, ab > 0.65 ? 0.9 : 1.6) * a, rot = u.r(2, 0.1, 0.6);
                    for (boolean l : new boolean[] {true, false}) {
                        bendLeg(p, l, k);
                        p[leg(l) + ABD] = ab;
                        p[leg(l) + ROT] = rot;
                    }
                    p[PITCH] += 0.15;
                } else {
                    for (boolean l : new boolean[] {true, false}) {
                        p[leg(l) + ABD] = u.r(1, 0.3, 0.9) * 0.5;
                    }
                }
                return 0;
            }
            case LUNGE -> {
                if (i % 2 == 0) {
                    int lo = leg(s), to = leg(!s);
                    p[lo + FLEX] = u.r(0, 0.5, 1.0) * a;
                    p[lo + KNEE] = u.r(1, 0.6, 1.2);
                    p[lo + ABD] = u.r(2, -0.05, 0.35);
                    p[to + FLEX] = -u.r(3, 0.25, 0.5);
                    p[to + KNEE] = 0.1;
                    p[to + POINT] = 0.3;
                    p[PITCH] += 0.2;
                    return s ? 1 : -1;
                }
                return 0;
            }
            case STOMP -> {
                int o = leg(s);
                if (i % 2 == 0) {
                    p[o + FLEX] = u.r(0, 0.7, 1.3) * a;
                    p[o + KNEE] = u.r(1, 1.0, 1.7);
                    p[o + ABD] = 0.2;
                    return s ? 1 : -1;
                }
                for (boolean l : new boolean[] {true, false}) {
                    bendLeg(p, l, u.r(2, 0.5, 0.9));
                    p[leg(l) + ABD] = u.r(3, 0.15, 0.35);
                }
                return 0;
            }
            case SWIVEL -> {
                double r = (i % 2 == 0 ? 1 : -1) * u.r(0, 0.25, 0.55) * a;
                for (boolean l : new boolean[] {true, false}) {
                    p[leg(l) + ROT] = l ? r : -r;
                    p[leg(l) + KNEE] += 0.2;
                    p[leg(l) + FLEX] += 0.1;
                }
                p[TWIST] -= 0.3 * r;
                return 0;
            }
            case CROSS -> {
                if (i % 2 == 0) {
                    int o = leg(s);
                    p[o + FLEX] = u.r(0, 0.15, 0.4);
                    p[o + ABD] = -u.r(1, 0.15, 0.3);
                    p[o + KNEE] = 0.3;
                    p[TWIST] += (s ? -1 : 1) * 0.2;
                    return s ? 1 : -1;
                }
                return 0;
            }
            case ARABESQUE -> {
                if (i % 2 == 0) {
                    int o = leg(s);
                    p[o + FLEX] = -u.r(0, 0.8, 1.4) * a;
                    p[o + KNEE] = u.r(1, 0.0, 0.2);
                    p[o + POINT] = 0.8;
                    p[o + ROT] = 0.4;
                    p[PITCH] += u.r(2, 0.5, 0.95);
                    p[BEND] += u.r(3, 0.0, 0.45);
                    return s ? 1 : -1;
                }
                return 0;
            }
            case RELEVE -> {
                if (i % 2 == 0) {
                    for (boolean l : new boolean[] {true, false}) {
                        p[leg(l) + POINT] = u.r(0, 0.4, 0.7);
                        p[leg(l) + TOE] = -p[leg(l) + POINT];
                        p[leg(l) + KNEE] = 0;
                        p[leg(l) + FLEX] = 0;
                    }
                    if (u.r[1] < 0.5) {
                        // Passé: the working foot at the other knee.
                        int o = leg(s);
                        p[o + FLEX] = 1.0;
                        p[o + ABD] = 0.55;
                        p[o + ROT] = 0.5;
                        p[o + KNEE] = 2.0;
                        p[o + POINT] = 0.8;
                        return s ? 1 : -1;
                    }
                }
                return 0;
            }
            // Arms.
            case HANG -> {
                for (boolean l : new boolean[] {true, false}) {
                    setArm(p, l, u.r(0, 0.05, 0.3), 0.3, 0, u.r(1, 0.1, 0.5));
                }
                return 0;
            }
            case SWING -> {
                boolean f = u.left() ^ (i % 2 == 1);
                setArm(p, f, u.r(0, 0.6, 1.2) * a, 1.45, 0, u.r(1, 0.4, 1.3));
                setArm(p, !f, u.r(2, 0.35, 0.8) * a, -1.3, 0, u.r(3, 0.2, 0.8));
                return 0;
            }
            case RAISE -> {
                boolean both = u.r[4] < 0.4;
                if (i % 2 == 0 || len == 4 && i == 1) {
                    setArm(p, s, u.r(0, 2.4, 3.05), u.r(1, -0.2, 1.3), u.r(2, -0.6, 0.6), u.r(3, 0, 0.5));
                    if (both) {
                        setArm(p, !s, u.r(0, 2.4, 3.05), u.r(1, -0.2, 1.3), u.r(2, -0.6, 0.6), u.r(3, 0, 0.5));
                    }
                }
                return 0;
            }
            case SPREAD -> {
                if (i % 2 == 0) {
                    for (boolean l : new boolean[] {true, false}) {
                        setArm(p, l, u.r(0, 1.3, 1.75), u.r(1, -0.3, 0.25), 0, u.r(2, 0, 0.25));
                        p[arm(l) + WRIST] = 0.3;
                    }
                } else {
                    for (boolean l : new boolean[] {true, false}) {
                        setArm(p, l, u.r(3, 0.8, 1.3), 1.35, 0, 1.0);
                    }
                }
                return 0;
            }
            case PUNCH -> {
                boolean f = s ^ (i % 2 == 1);
                setArm(p, f, u.r(0, 1.3, 1.8), u.r(1, 1.2, 1.6), 0, u.r(2, 0, 0.2));
                setArm(p, !f, u.r(3, 0.5, 0.9), 0.5, 0, u.r(4, 1.9, 2.3));
                p[SPINE_TWIST] += (f ? -1 : 1) * 0.25 * a;
                return 0;
            }
            case GOALPOST -> {
                if (i == 0) {
                    for (boolean l : new boolean[] {true, false}) {
                        setArm(p, l, u.r(0, 1.4, 1.65), u.r(1, 0, 0.4), -1.45, u.r(2, 1.3, 1.75));
                    }
                }
                return 0;
            }
            case CROSS_OPEN -> {
                if (i == 0) {
                    for (boolean l : new boolean[] {true, false}) {
                        setArm(p, l, u.r(0, 0.9, 1.3), u.r(1, 1.8, 2.1), 0, 0.6);
                    }
                } else {
                    for (boolean l : new boolean[] {true, false}) {
                        setArm(p, l, u.r(2, 1.35, 1.7), u.r(3, -0.3, 0.1), 0, 0.05);
                    }
                }
                return 0;
            }
            case CLAP -> {
                for (boolean l : new boolean[] {true, false}) {
                    if (i == 0) {
                        setArm(p, l, u.r(0, 1.1, 1.5), 1.5, -0.8, u.r(1, 0.9, 1.4));
                    } else {
                        setArm(p, l, u.r(2, 0.6, 1.0), 0.3, 0, 0.8);
                    }
                }
                return 0;
            }
            case WHIP -> {
                boolean up = i % 2 == 0;
                boolean f = s;
                if (up) {
                    setArm(p, f, u.r(0, 2.5, 3.0), u.r(1, -0.6, 0.6), (u.r[2] - 0.5) * 2.4, 0.2);
                    setArm(p, !f, u.r(3, 0.5, 1.0), -0.9, 0, 1.6);
                } else {
                    setArm(p, f, u.r(3, 0.5, 1.0), -0.9, 0, 1.6);
                    setArm(p, !f, u.r(0, 2.5, 3.0), u.r(1, -0.6, 0.6), (u.r[4] - 0.5) * 2.4, 0.2);
                }
                return 0;
            }
            case POINT_UP -> {
                if (i % 2 == 0) {
                    setArm(p, s, u.r(0, 1.7, 2.5), u.r(1, 0.4, 1.3), 0, 0);
                    p[arm(s) + WRIST] = -0.4;
                    setArm(p, !s, 0.5, -0.4, 0.8, 1.9);
                    p[HEAD_TURN] += (s ? 1 : -1) * 0.4;
                }
                return 0;
            }
            case HIPS -> {
                for (boolean l : new boolean[] {true, false}) {
                    setArm(p, l, 0.55, -0.5, 0.8, 2.0);
                }
                return 0;
            }
            case FLOW -> {
                switch (i % 4) {
                    case 0 -> {
                        for (boolean l : new boolean[] {true, false}) {
                            setArm(p, l, u.r(0, 0.9, 1.2), 1.4, 0, 0.6);
                        }
                    }
                    case 1 -> {
                        for (boolean l : new boolean[] {true, false}) {
                            setArm(p, l, u.r(1, 1.4, 1.7), 0.1, 0, 0.2);
                        }
                    }
                    case 2 -> {
                        for (boolean l : new boolean[] {true, false}) {
                            setArm(p, l, u.r(2, 2.6, 3.0), 0.7, 0, 0.5);
                        }
                    }
                    default -> {
                        setArm(p, s, u.r(3, 2.5, 2.9), 0.5, 0, 0.4);
                        setArm(p, !s, 1.5, 0.0, 0, 0.2);
                    }
                }
                return 0;
            }
            case CHEST_HIT -> {
                boolean hit = i % 2 == 0;
                for (boolean l : new boolean[] {true, false}) {
                    setArm(p, l, hit ? u.r(0, 1.0, 1.4) : 0.5, hit ? 0.9 : 0.4, 0, hit ? u.r(1, 1.6, 2.1) : 1.0);
                }
                return 0;
            }
            // Torso.
            case STILL -> {
                return 0;
            }
            case CHEST_POP -> {
                p[CHEST] += (i % 2 == 0 ? u.r(0, 0.15, 0.35) : -u.r(1, 0.05, 0.2)) * a;
                return 0;
            }
            case LEAN_BACK -> {
                if (i % 2 == 0) {
                    p[BEND] -= u.r(0, 0.3, 0.7) * a;
                    p[PITCH] -= u.r(1, 0.15, 0.4);
                    p[NOD] -= 0.3;
                    for (boolean l : new boolean[] {true, false}) {
                        p[leg(l) + KNEE] += u.r(2, 0.2, 0.6);
                        p[leg(l) + FLEX] += 0.05;
                    }
                }
                return 0;
            }
            case TORSO_TWIST -> {
                double t = (i % 2 == 0 ? 1 : -1) * u.r(0, 0.25, 0.6) * a;
                p[SPINE_TWIST] += t;
                p[HEAD_TURN] -= 0.5 * t;
                return 0;
            }
            case SIDE_BEND -> {
                double t = (s ? 1 : -1) * (i % 2 == 0 ? 1 : 0.3) * u.r(0, 0.2, 0.45) * a;
                p[SIDE] += t;
                p[ROLL] += 0.3 * t;
                p[HEAD_TILT] += 0.5 * t;
                return 0;
            }
            case BODY_ROLL -> {
                if (i % 2 == 0) {
                    p[CHEST] -= 0.2 * a;
                    p[BEND] += u.r(0, 0.2, 0.5) * a;
                    p[PITCH] += 0.1;
                    p[NOD] += 0.3;
                } else {
                    p[CHEST] += 0.25 * a;
                    p[BEND] -= u.r(1, 0.1, 0.3) * a;
                    p[PITCH] -= 0.12;
                }
                return 0;
            }
            case CONTRACT -> {
                // Krump and popping: a deep contraction of the mid-back, released with a snap.
                if (i % 2 == 0) {
                    p[HUNCH] = u.r(0, 1.1, 1.5);
                    p[NOD] += 0.3;
                } else {
                    p[HUNCH] = -u.r(1, 0.0, 0.25);
                    p[CHEST] += 0.15;
                }
                return 0;
            }
            case HEAD_NOD -> {
                p[NOD] += (i % 2 == 0 ? 1 : -0.4) * u.r(0, 0.2, 0.45);
                return 0;
            }
            // Whole body.
            case FOLD -> {
                if (!last || len == 2 && i == 0) {
                    // SMPL's spine leans back at rest: a nominal 1.5–2.2 rad puts the torso 60–105° from vertical.
                    double pitch = u.r(0, 0.85, 1.3), bend = u.r(1, 0.55, 0.9);
                    p[PITCH] = pitch;
                    p[BEND] = bend;
                    p[CHEST] = 0;
                    for (boolean l : new boolean[] {true, false}) {
                        bendLeg(p, l, u.r(2, 0.3, 1.6));
                        p[leg(l) + ABD] = 0.08;
                        p[leg(l) + POINT] = 0;
                        p[leg(l) + TOE] = 0;
                    }
                    // The arms hang to the floor: in the bent chest's frame, the floor is ahead.
                    double tilt = pitch + bend;
                    setArm(p, s, tilt + u.r(3, 0.0, 0.25), Math.PI / 2, 0, 0);
                    if (u.r[4] < 0.5) {
                        setArm(p, !s, tilt + u.r(3, 0.0, 0.25) - 0.15, Math.PI / 2, 0, 0.1);
                    } else {
                        setArm(p, !s, u.r(5, 1.3, 1.8), -0.2, 0, 0.1);
                    }
                    p[NOD] = -0.2;
                }
                return 0;
            }
            case CROUCH_TOUCH, FREEZE -> {
                boolean freeze = u.move() == Move.FREEZE;
                if (i == 0 || freeze) {
                    double k = u.r(0, 1.7, 2.3);
                    for (boolean l : new boolean[] {true, false}) {
                        int o = leg(l);
                        p[o + KNEE] = k;
                        p[o + FLEX] = k * 0.75;
                        p[o + ABD] = u.r(1, 0.15, 0.35);
                        p[o + ROT] = 0.2;
                        p[o + POINT] = -0.2;
                    }
                    double pitch = u.r(2, 0.5, 0.9) + (freeze ? 0.2 : 0), bend = u.r(3, 0.25, 0.5);
                    p[PITCH] = pitch;
                    p[BEND] = bend;
                    // The reaching hand goes straight down to the floor beside the feet.
                    setArm(p, s, pitch + bend + u.r(4, -0.1, 0.2), u.r(4, 1.3, 1.6), 0, 0);
                    setArm(p, !s, freeze ? 2.2 : u.r(5, 0.4, 1.6), freeze ? -0.4 : 0.8, 0, freeze ? 0.1 : 0.9);
                    p[HEAD_TURN] = (s ? 1 : -1) * 0.3;
                    if (freeze && i == 1) {
                        p[arm(!s) + ELEV] += 0.3;
                    }
                }
                return 0;
            }
            case SPIN -> {
                double turn = (u.left() ? 1 : -1) * 2 * Math.PI;
                int half = len / 2;
                p[YAW] += turn * Math.min(1, (i + 1) / (double) half);
                if (i < half) {
                    // Pirouette: on the ball of the standing foot, the other in passé, arms in.
                    int o = leg(!s), w = leg(s);
                    p[o + POINT] = 0.5;
                    p[o + TOE] = -0.5;
                    p[o + KNEE] = 0.05;
                    p[o + FLEX] = 0;
                    p[w + FLEX] = 1.0;
                    p[w + ABD] = 0.5;
                    p[w + ROT] = 0.5;
                    p[w + KNEE] = 2.0;
                    p[w + POINT] = 0.8;
                    for (boolean l : new boolean[] {true, false}) {
                        setArm(p, l, u.r(0, 1.0, 1.3), 1.5, -0.3, u.r(1, 0.8, 1.2));
                    }
                    return s ? 1 : -1;
                }
                return 0;
            }
            case DIP -> {
                if (i == 0) {
                    double k = u.r(0, 0.9, 1.5) * a;
                    for (boolean l : new boolean[] {true, false}) {
                        bendLeg(p, l, k);
                    }
                    p[PITCH] += 0.3;
                    p[NOD] += 0.2;
                }
                return 0;
            }
            default -> throw new IllegalArgumentException(u.move().toString());
        }
    }
}
