package org.choreolab.data.aistpp.internal.sample;

import static org.choreolab.data.aistpp.internal.sample.Body.ARM_L;
import static org.choreolab.data.aistpp.internal.sample.Body.ARM_R;
import static org.choreolab.data.aistpp.internal.sample.Body.ATWIST;
import static org.choreolab.data.aistpp.internal.sample.Body.CHEST;
import static org.choreolab.data.aistpp.internal.sample.Body.ELBOW;
import static org.choreolab.data.aistpp.internal.sample.Body.ELEV;
import static org.choreolab.data.aistpp.internal.sample.Body.FLEX;
import static org.choreolab.data.aistpp.internal.sample.Body.HEAD_TILT;
import static org.choreolab.data.aistpp.internal.sample.Body.BELLY;
import static org.choreolab.data.aistpp.internal.sample.Body.CHEST_SIDE;
import static org.choreolab.data.aistpp.internal.sample.Body.HEAD_TURN;
import static org.choreolab.data.aistpp.internal.sample.Body.HUNCH;
import static org.choreolab.data.aistpp.internal.sample.Body.PROTRACT;
import static org.choreolab.data.aistpp.internal.sample.Body.KNEE;
import static org.choreolab.data.aistpp.internal.sample.Body.LEG_L;
import static org.choreolab.data.aistpp.internal.sample.Body.LEG_R;
import static org.choreolab.data.aistpp.internal.sample.Body.NOD;
import static org.choreolab.data.aistpp.internal.sample.Body.PITCH;
import static org.choreolab.data.aistpp.internal.sample.Body.PLANE;
import static org.choreolab.data.aistpp.internal.sample.Body.ROLL;
import static org.choreolab.data.aistpp.internal.sample.Body.SHRUG;
import static org.choreolab.data.aistpp.internal.sample.Body.SIDE;
import static org.choreolab.data.aistpp.internal.sample.Body.SPINE_TWIST;
import static org.choreolab.data.aistpp.internal.sample.Body.TOE;
import static org.choreolab.data.aistpp.internal.sample.Body.WRIST;
import static org.choreolab.data.aistpp.internal.sample.Body.YAW;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.choreolab.data.aistpp.internal.sample.Vocabulary.Kind;
import org.choreolab.data.aistpp.internal.sample.Vocabulary.Move;
import org.choreolab.data.aistpp.internal.sample.Vocabulary.Style;
import org.choreolab.data.aistpp.internal.sample.Vocabulary.Use;
import org.choreolab.motion.Rotations;
import org.choreolab.motion.Smpl;

/**
 * One synthetic dance: a choreography of moves from the genre's vocabulary, a key pose on every beat
 * of the music, eased in between or held through the beat (so joints slow down on the beat and motion
 * beats follow music beats), with the genre's grooves on top; then the body is put on the floor.
 *
 * <p>Basic dances (sBM) repeat an 8-beat routine that belongs to the genre's choreography number, so
 * the genre's dancers share it, each in their own style; advanced dances (sFM) keep composing new
 * phrases, now and then repeating one on the other side. Physically: the lowest contact point (sole,
 * toes, hand, knee) touches the floor on every frame, and the foot that carries the weight stays
 * planted while the body moves over it, so the dancer travels only by stepping and turns by pivoting.
 * Bone lengths never change: only rotations and the root move.
 */
public final class Dance {

    /** The motion: 72 axis-angle values and 3 root coordinates (metres, y up, floor at 0) per frame at 60 fps. */
    public record Motion(int frames, double[] poses, double[] translation) {
    }

    static final double FPS = 60.0;
    private static final int BEATS_PER_PHRASE = 8;
    /** Contact points: joints with the radius of flesh or sole around them. */
    private static final int[] CONTACT = {7, 8, 10, 11, 20, 21, 22, 23, 4, 5, 18, 19, 0, 15};
    private static final double[] RADIUS = {0.08, 0.08, 0.02, 0.02, 0.035, 0.035, 0.02, 0.02, 0.05, 0.05, 0.04, 0.04, 0.1, 0.1};
    private static final int FEET = 4, HANDS = 8;
    /** A foot takes the weight from the other only when it is this much lower (m), so support does not flicker. */
    private static final double HYSTERESIS = 0.004;
    /** Small per-beat motions of single joints, so that no two joints move in lockstep. */
    private static final int[] MICRO = {ARM_L + WRIST, ARM_R + WRIST, ARM_L + ATWIST, ARM_R + ATWIST, ARM_L + SHRUG,
            ARM_R + SHRUG, ARM_L + PROTRACT, ARM_R + PROTRACT, LEG_L + TOE, LEG_R + TOE, HEAD_TILT, HEAD_TURN, NOD,
            SPINE_TWIST, ARM_L + ELBOW, ARM_R + ELBOW, CHEST, CHEST_SIDE, HUNCH, BELLY, SIDE};

    private final Style style;
    private final boolean basic;
    private final double tempo, firstBeat;
    private final SplittableRandom rnd;
    private final double[] base = new double[Body.N];
    private final Map<Move, Double> taste = new EnumMap<>(Move.class);
    private final double scale, hold, bounce, nod, chest, sway, stride, turnRate, leftiness;
    private final double[] micro = new double[MICRO.length];
    private final Body body;
    private final long microSeed;
    private final List<Use[]> routine = new ArrayList<>();
    private final List<Integer> routineLengths = new ArrayList<>();
    private final List<double[]> keys = new ArrayList<>();
    private final List<double[]> segments = new ArrayList<>(); // per key: gamma, swing leg, lift
    private List<Use[]> lastPhrase = List.of();
    private List<Integer> lastPhraseLengths = List.of();
    private final List<Use[]> pendingPhrase = new ArrayList<>();
    private final List<Integer> pendingLengths = new ArrayList<>();
    private double yaw;

    private Dance(SamplePlan.Entry e, double tempo, double firstBeat) {
        String[] f = e.id().split("_");
        String genre = f[0];
        this.style = Vocabulary.STYLES.get(genre);
        this.basic = f[1].equals("sBM");
        this.tempo = tempo;
        this.firstBeat = firstBeat;
        // The dancer: the same person in every sequence they dance.
        SplittableRandom d = new SplittableRandom(genre.hashCode() * 1_000_003L + f[3].hashCode());
        // This performance: small variations of the dancer's style.
        this.rnd = new SplittableRandom(e.id().hashCode() * 7_919L + 17);
        double jit = 0.15;
        scale = range(d, 0.85, 1.15) * range(rnd, 1 - jit / 3, 1 + jit / 3);
        // Sharper genres hold their poses longer around the beat.
        hold = Math.max(0, Math.min(0.2, 0.45 * (1 - style.sharp() * range(d, 0.9, 1.1))));
        bounce = style.bounce() * range(d, 0.4, 1.6) * range(rnd, 1 - jit, 1 + jit);
        nod = style.nod() * range(d, 0.4, 1.6) * range(rnd, 1 - jit, 1 + jit);
        chest = style.chest() * range(d, 0.4, 1.6) * range(rnd, 1 - jit, 1 + jit);
        sway = style.sway() * range(d, 0.4, 1.6) * range(rnd, 1 - jit, 1 + jit);
        stride = range(d, 0.6, 1.4) * range(rnd, 0.8, 1.2);
        turnRate = style.turn() * range(d, 0.5, 1.5);
        leftiness = range(d, 0.3, 0.7);
        for (int i = 0; i < micro.length; i++) {
            micro[i] = range(d, 0.3, 1.0) * range(rnd, 0, 0.4);
        }
        body = new Body(new double[] {range(rnd, 0.1, 1), range(rnd, 0.1, 1), range(rnd, 0.1, 1)},
                new double[] {range(rnd, 0.1, 1), range(rnd, 0.1, 1), range(rnd, 0.1, 1)},
                new double[] {range(rnd, 0.1, 1), range(rnd, 0.1, 1), range(rnd, 0.1, 1)});
        microSeed = rnd.nextLong();
        for (Move m : Move.values()) {
            taste.put(m, Math.exp(range(d, -0.7, 0.7)));
        }
        // Stance: the genre's, with the dancer's own knee bend and arm carriage.
        double knees = Math.max(0, style.knees() + range(d, -0.1, 0.15));
        for (int leg : new int[] {LEG_L, LEG_R}) {
            base[leg + KNEE] = knees;
            base[leg + FLEX] = knees / 2;
            base[leg + Body.ABD] = range(d, 0.0, 0.1);
            // Ballet jazz stands turned out.
            base[leg + Body.ROT] = genre.equals("gJB") ? 0.5 : range(d, 0, 0.25);
        }
        base[PITCH] = style.lean() + range(d, -0.03, 0.08);
        for (int arm : new int[] {ARM_L, ARM_R}) {
            base[arm + ELEV] = style.armElev() + range(d, -0.1, 0.2);
            base[arm + PLANE] = style.armPlane() + range(d, -0.2, 0.2);
            base[arm + ELBOW] = style.elbow() + range(d, -0.2, 0.3);
        }
        base[NOD] = range(d, -0.05, 0.1);
        if (basic) {
            // The routine belongs to the genre's choreography number: every dancer of the genre learns the same one.
            SplittableRandom r = new SplittableRandom(genre.hashCode() * 31L + f[5].hashCode());
            composePhrase(r, true, routine, routineLengths);
        }
        keys.add(base.clone());
        segments.add(new double[] {1, 0, 0});
    }

    /**
     * Dances entry {@code e} to music at {@code tempo} BPM whose beats fall at {@code firstBeat} +
     * k · 60 / tempo seconds.
     */
    public static Motion perform(SamplePlan.Entry e, double tempo, double firstBeat) {
        return new Dance(e, tempo, firstBeat).run(e.frames());
    }

    private double beat(int k) {
        return firstBeat + k * 60.0 / tempo;
    }

    private Motion run(int frames) {
        double[] poses = new double[72 * frames];
        double[] trans = new double[3 * frames];
        Kinematics fk = new Kinematics();
        double[] pose = new double[Body.N];
        double[] local = new double[72];
        double[] prevLocal = new double[72];
        SplittableRandom start = new SplittableRandom(rnd.nextLong());
        double rootX = range(start, -0.3, 0.3), rootZ = range(start, -0.3, 0.3);
        double anchorX = 0, anchorZ = 0;
        int support = -1;
        int k = -1;
        for (int f = 0; f < frames; f++) {
            double t = f / FPS;
            while (t >= beat(k + 1)) {
                k++;
            }
            // Keys are composed as the dance reaches them, knowing where the dancer stands.
            while (keys.size() <= k + 1) {
                composeBlock(rootX, rootZ);
            }
            if (k < 0) {
                System.arraycopy(keys.get(0), 0, pose, 0, Body.N);
            } else {
                double u = (t - beat(k)) / (beat(k + 1) - beat(k));
                double[] a = keys.get(k), b = keys.get(k + 1), seg = segments.get(k + 1);
                double w = ease(u, hold, seg[0]);
                for (int i = 0; i < Body.N; i++) {
                    pose[i] = a[i] + (b[i] - a[i]) * w;
                }
                groove(pose, k, u, (int) seg[1], seg[2]);
            }
            body.toAxisAngle(pose, poses, 72 * f);
            fk.positions(poses, 72 * f, local);
            // A hand reaching below the soles: straighten the knees until it only touches the floor.
            for (int it = 0; it < 4; it++) {
                double below = lowest(local, 0, FEET) - lowest(local, FEET, HANDS);
                double knee = Math.min(pose[LEG_L + KNEE], pose[LEG_R + KNEE]);
                if (below < 0.002 || knee <= 0) {
                    break;
                }
                double dk = Math.min(knee, 1.2 * below / Math.max(0.1, 0.41 * Math.sin(knee / 2)));
                for (int leg : new int[] {LEG_L, LEG_R}) {
                    pose[leg + KNEE] -= dk;
                    pose[leg + FLEX] -= dk / 2;
                }
                body.toAxisAngle(pose, poses, 72 * f);
                fk.positions(poses, 72 * f, local);
            }
            // On the floor: the lowest contact point at height 0.
            double lowest = Double.POSITIVE_INFINITY;
            int foot = 0;
            double footLow = Double.POSITIVE_INFINITY;
            for (int c = 0; c < CONTACT.length; c++) {
                double h = local[3 * CONTACT[c] + 1] - RADIUS[c];
                lowest = Math.min(lowest, h);
                if (c < FEET && h < footLow) {
                    footLow = h;
                    foot = c;
                }
            }
            // The supporting foot point stays where it is; the root moves around it.
            if (support < 0) {
                support = foot;
                anchorX = rootX + local[3 * CONTACT[support]];
                anchorZ = rootZ + local[3 * CONTACT[support] + 2];
            } else if (foot != support) {
                double hs = local[3 * CONTACT[support] + 1] - RADIUS[support];
                if (footLow < hs - HYSTERESIS) {
                    // Weight moves to the new foot point where it was last frame.
                    anchorX = rootX + prevLocal[3 * CONTACT[foot]];
                    anchorZ = rootZ + prevLocal[3 * CONTACT[foot] + 2];
                    support = foot;
                }
            }
            rootX = anchorX - local[3 * CONTACT[support]];
            rootZ = anchorZ - local[3 * CONTACT[support] + 2];
            trans[3 * f] = rootX;
            trans[3 * f + 1] = -lowest;
            trans[3 * f + 2] = rootZ;
            System.arraycopy(local, 0, prevLocal, 0, 72);
        }
        return new Motion(frames, poses, trans);
    }

    /** The lowest contact height among contact points [from, to). */
    private static double lowest(double[] local, int from, int to) {
        double low = Double.POSITIVE_INFINITY;
        for (int c = from; c < to; c++) {
            low = Math.min(low, local[3 * CONTACT[c] + 1] - RADIUS[c]);
        }
        return low;
    }

    /** The grooves: bumps that rise and fall within a beat, still on the beat itself (sin² of the beat phase). */
    private void groove(double[] p, int k, double u, int swing, double lift) {
        double bump = Math.sin(Math.PI * u);
        bump *= bump;
        double alt = k % 2 == 0 ? 1 : -1;
        for (int leg : new int[] {LEG_L, LEG_R}) {
            p[leg + KNEE] += bounce * bump;
            p[leg + FLEX] += bounce / 2 * bump;
        }
        if (swing != 0) {
            int leg = swing > 0 ? LEG_L : LEG_R;
            p[leg + KNEE] += lift * bump;
            p[leg + FLEX] += 0.55 * lift * bump;
        }
        p[NOD] += nod * bump;
        p[CHEST] += chest * bump;
        p[ROLL] += sway * alt * bump;
        p[SIDE] += sway * alt * bump;
        long h = microSeed ^ (k * 0x9E3779B97F4A7C15L);
        for (int i = 0; i < MICRO.length; i++) {
            h = h * 6364136223846793005L + 1442695040888963407L;
            double sign = (h >>> 63) == 0 ? 1 : -1;
            p[MICRO[i]] += micro[i] * sign * bump;
        }
    }

    /**
     * The share of a segment's way done at phase u: the pose is held for the fraction {@code hold} of
     * the segment after and before each beat (a hit: arrive, hold through the beat, leave), and in
     * between eased by smoothstep of a time warped by {@code sharpness} (1: plain smoothstep; below 1
     * leaving and arriving fast). Symmetric about the segment's middle, so the slowest moment of the
     * motion, the motion beat, stays on the music beat.
     */
    static double ease(double u, double hold, double sharpness) {
        if (u <= hold) {
            return 0;
        }
        if (u >= 1 - hold) {
            return 1;
        }
        double v = (u - hold) / (1 - 2 * hold);
        double w = v < 0.5 ? 0.5 * Math.pow(2 * v, sharpness) : 1 - 0.5 * Math.pow(2 - 2 * v, sharpness);
        return w * w * (3 - 2 * w);
    }

    private static double range(SplittableRandom r, double lo, double hi) {
        return lo + (hi - lo) * r.nextDouble();
    }

    // ---- Choreography ----

    /** Appends the keys of the next block of beats. */
    private void composeBlock(double x, double z) {
        Use[] block;
        int len;
        if (basic) {
            int beatInPhrase = (keys.size() - 1) % BEATS_PER_PHRASE;
            int at = 0, idx = 0;
            while (at < beatInPhrase) {
                at += routineLengths.get(idx++);
            }
            // Each repetition: the same moves, performed with a little variation.
            block = vary(routine.get(idx));
            len = routineLengths.get(idx);
        } else {
            if (pendingPhrase.isEmpty()) {
                if (!lastPhrase.isEmpty() && rnd.nextDouble() < 0.3) {
                    // A choreographic repeat, often on the other side.
                    boolean mirror = rnd.nextDouble() < 0.5;
                    for (Use[] b : lastPhrase) {
                        Use[] c = b.clone();
                        if (mirror) {
                            for (int i = 0; i < c.length; i++) {
                                Use u = c[i];
                                c[i] = new Use(u.move(), u.amp(), !u.left(), -u.direction(), u.r());
                            }
                        }
                        pendingPhrase.add(c);
                    }
                    pendingLengths.addAll(lastPhraseLengths);
                } else {
                    composePhrase(rnd, false, pendingPhrase, pendingLengths);
                }
                lastPhrase = List.copyOf(pendingPhrase);
                lastPhraseLengths = List.copyOf(pendingLengths);
            }
            block = vary(pendingPhrase.remove(0));
            len = pendingLengths.remove(0);
        }
        // Travel towards the middle of the floor when far out; turn back to the front when turned away.
        double far = Math.hypot(x, z);
        double toCentre = Math.atan2(-x, -z) - yaw;
        double turn = 0;
        double facing = Math.IEEEremainder(yaw, 2 * Math.PI);
        if (Math.abs(facing) > 1.0) {
            turn = -facing * range(rnd, 0.6, 1.0);
        } else if (rnd.nextDouble() < turnRate) {
            turn = (rnd.nextDouble() < 0.5 ? -1 : 1) * range(rnd, 0.3, 1.2);
        }
        for (int b = 0; b < block.length; b++) {
            Use u = block[b];
            if (u.move() == Move.STEPS && far > 0.9) {
                block[b] = new Use(u.move(), u.amp(), u.left(), toCentre + range(rnd, -0.4, 0.4), u.r());
            }
        }
        double startYaw = yaw;
        for (int i = 0; i < len; i++) {
            double[] p = base.clone();
            p[YAW] = startYaw + turn * (i + 1) / len;
            int swing = 0;
            double gamma = 1;
            for (Use u : block) {
                int s = Vocabulary.apply(u, p, i, len);
                if (s != 0) {
                    swing = s;
                }
                gamma = Math.min(gamma, Vocabulary.sharpness(u.move()));
            }
            double lift = swing == 0 ? 0 : range(rnd, 0.5, 0.9);
            keys.add(p);
            segments.add(new double[] {gamma, swing, lift});
            yaw = p[YAW];
        }
    }

    /** The dancer's performance of a move: their amplitude, a little variation each time. */
    private Use[] vary(Use[] block) {
        Use[] out = new Use[block.length];
        for (int i = 0; i < block.length; i++) {
            Use u = block[i];
            double[] r = u.r().clone();
            for (int j = 0; j < r.length; j++) {
                r[j] = Math.min(0.999, Math.max(0, r[j] + range(rnd, -0.08, 0.08)));
            }
            out[i] = new Use(u.move(), u.amp() * scale * range(rnd, 0.93, 1.07), u.left(), u.direction(), r);
        }
        return out;
    }

    /** An 8-beat phrase of blocks (2 or 4 beats each). */
    private void composePhrase(SplittableRandom r, boolean basicVocabulary, List<Use[]> blocks, List<Integer> lengths) {
        int beats = 0;
        while (beats < BEATS_PER_PHRASE) {
            boolean whole = r.nextDouble() < (basicVocabulary ? style.wholeBasic() : style.wholeAdvanced());
            List<Use> block = new ArrayList<>();
            int len;
            if (whole) {
                Move m = pick(r, Kind.WHOLE, basicVocabulary);
                len = pickLength(r, m, BEATS_PER_PHRASE - beats);
                block.add(use(r, m));
            } else {
                Move legs = pick(r, Kind.LEGS, basicVocabulary);
                len = pickLength(r, legs, BEATS_PER_PHRASE - beats);
                block.add(use(r, legs));
                Move arms = pick(r, Kind.ARMS, basicVocabulary);
                if (arms != null) {
                    block.add(use(r, arms));
                }
                Move torso = pick(r, Kind.TORSO, basicVocabulary);
                if (torso != null) {
                    block.add(use(r, torso));
                }
            }
            blocks.add(block.toArray(Use[]::new));
            lengths.add(len);
            beats += len;
        }
    }

    private Use use(SplittableRandom r, Move m) {
        double[] p = new double[6];
        for (int i = 0; i < p.length; i++) {
            p[i] = r.nextDouble();
        }
        double dir = switch (r.nextInt(4)) {
            case 0 -> 0;
            case 1 -> Math.PI;
            case 2 -> Math.PI / 2;
            default -> -Math.PI / 2;
        };
        return new Use(m, range(r, 0.85, 1.1) * (m == Move.STEPS ? stride : 1), r.nextDouble() < leftiness, dir, p);
    }

    private Move pick(SplittableRandom r, Kind kind, boolean basicVocabulary) {
        List<Move> moves = style.of(kind, basicVocabulary);
        if (moves.isEmpty()) {
            return null;
        }
        double total = 0;
        for (Move m : moves) {
            total += style.weight(m, basicVocabulary) * taste.get(m);
        }
        double x = r.nextDouble() * total;
        for (Move m : moves) {
            x -= style.weight(m, basicVocabulary) * taste.get(m);
            if (x < 0) {
                return m;
            }
        }
        return moves.get(moves.size() - 1);
    }

    private static int pickLength(SplittableRandom r, Move m, int room) {
        int[] allowed = Vocabulary.lengths(m);
        int len = allowed[r.nextInt(allowed.length)];
        return Math.min(len, room);
    }

    /** Forward kinematics of the neutral SMPL skeleton with the root at the origin (double precision). */
    private static final class Kinematics {
        private final double[] offsets = Smpl.NEUTRAL.offsets();
        private final int[] parents = Smpl.PARENTS;
        private final double[] world = new double[24 * 9];
        private final double[] m = new double[9];

        void positions(double[] aa, int at, double[] out) {
            for (int j = 0; j < 24; j++) {
                Rotations.axisAngleToMatrix(aa, at + 3 * j, m, 0);
                int p = parents[j];
                if (p < 0) {
                    System.arraycopy(m, 0, world, 0, 9);
                    out[0] = out[1] = out[2] = 0;
                    continue;
                }
                int w = 9 * p, o = 3 * j;
                for (int r = 0; r < 3; r++) {
                    for (int c = 0; c < 3; c++) {
                        world[9 * j + 3 * r + c] = world[w + 3 * r] * m[c] + world[w + 3 * r + 1] * m[3 + c] + world[w + 3 * r + 2] * m[6 + c];
                    }
                    out[3 * j + r] = out[3 * p + r] + world[w + 3 * r] * offsets[o] + world[w + 3 * r + 1] * offsets[o + 1]
                            + world[w + 3 * r + 2] * offsets[o + 2];
                }
            }
        }
    }
}
