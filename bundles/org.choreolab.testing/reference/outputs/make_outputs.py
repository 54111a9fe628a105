"""Writes the same dances the way three research codebases save their generated motion, so that
Choreolab's output-folder reader can be checked against files numpy and pickle really wrote.

Run from this folder with Debian's /usr/bin/python3 (numpy 1.24, scipy 1.10):
    /usr/bin/python3 make_outputs.py

Sources: ../aistpp/motions/<seq>.pkl (AIST++ motion pickles) and ../aistpp/joints_reference/<seq>.npy
(their world joints, float32 (T, 24, 3), metres, y up, 60 fps). Our own code, following what each
repository does (files and lines named below); nothing of theirs is copied.

- bailando/<seq>.json.pkl.npy: Bailando (lisiyao21/Bailando, utils/functional.py, write2pkl): the
  dance name is the test JSON's file name, '.pkl' is appended and np.save (which appends '.npy')
  stores {'pred_position': joints (T, 72) float32} as a 0-d object array.
- edge/test_<seq>.pkl: EDGE (Stanford-TML/EDGE, model/diffusion.py render_sample, mode 'long', called
  by test.py with epoch 'test'): pickle.dump of {'smpl_poses': (T, 72), 'smpl_trans': (T, 3),
  'full_pose': (T, 24, 3)} at 30 fps (dataset/dance_dataset.py: data_stride 60 // 30, trans divided by
  smpl_scaling in data/slice.py) in EDGE's z-up frame: the root orientation is left-multiplied by the
  quaternion (0.7071068, 0.7071068, 0, 0) (90 degrees about x, w first, pytorch3d's
  quaternion_multiply) and the root position rotated by RotateAxisAngle(90, 'X'), (x, y, z) -> (x, -z, y).
  full_pose is what that rotation makes of the y-up joints: (x, y, z) -> (x, -z, y), applied exactly
  (a 90-degree rotation is a signed permutation), so that it is the same dance bit for bit.
- fact-mint/<seq>_<music>.npy: FACT (google-research/mint, mint/ctl/single_task_evaluator.py writes
  '%s_%s.npy' % (motion_name, audio_name) of [steps, 225]; tools/preprocessing.py builds a frame as
  smpl_trans / smpl_scaling then the 24 rotation matrices of scipy's from_rotvec(...).as_matrix(),
  flattened; mint/utils/inputs_util.py pads 6 zeros in front), float32, 60 fps, y up.
"""
import os
import pickle

import numpy as np
from scipy.spatial.transform import Rotation

HERE = os.path.dirname(os.path.abspath(__file__))
REF = os.path.join(HERE, "..", "aistpp")
SEQS = ["gBR_sBM_cAll_d04_mBR0_ch08", "gLO_sFM_cAll_d01_mLO3_ch06", "gMH_sBM_cAll_d11_mMH1_ch06",
        "gPO_sFM_cAll_d16_mPO3_ch03"]


def load_motion(seq):
    with open(os.path.join(REF, "motions", seq + ".pkl"), "rb") as f:
        d = pickle.load(f)
    poses = np.asarray(d["smpl_poses"], dtype=np.float64).reshape(-1, 72)
    trans = np.asarray(d["smpl_trans"], dtype=np.float64) / np.asarray(d["smpl_scaling"], dtype=np.float64)
    return poses, trans


def quat_mul(a, b):
    """Hamilton product, real part first (pytorch3d's quaternion_multiply)."""
    aw, ax, ay, az = np.moveaxis(a, -1, 0)
    bw, bx, by, bz = np.moveaxis(b, -1, 0)
    return np.stack([aw * bw - ax * bx - ay * by - az * bz,
                     aw * bx + ax * bw + ay * bz - az * by,
                     aw * by - ax * bz + ay * bw + az * bx,
                     aw * bz + ax * by - ay * bx + az * bw], axis=-1)


def main():
    for sub in ("bailando", "edge", "fact-mint"):
        os.makedirs(os.path.join(HERE, sub), exist_ok=True)
    for i, seq in enumerate(SEQS):
        joints = np.load(os.path.join(REF, "joints_reference", seq + ".npy"))  # (T, 24, 3) float32
        poses, trans = load_motion(seq)
        assert len(joints) == len(poses)

        # Bailando: dance_names[i] is the test JSON's file name; np.save appends '.npy'.
        np_dance = joints.reshape(len(joints), 72).astype(np.float32)
        pkl_data = {"pred_position": np_dance}
        np.save(os.path.join(HERE, "bailando", seq + ".json" + ".pkl"), pkl_data)

        # EDGE: 30 fps, z up.
        q = poses[::2].reshape(-1, 24, 3).copy()
        pos = trans[::2]
        root = Rotation.from_rotvec(q[:, 0])
        root_quat = root.as_quat()[:, [3, 0, 1, 2]]  # scipy is w last; pytorch3d w first
        rotation = np.array([0.7071068, 0.7071068, 0, 0])
        q[:, 0] = Rotation.from_quat(quat_mul(rotation, root_quat)[:, [1, 2, 3, 0]]).as_rotvec()
        pos = np.stack([pos[:, 0], -pos[:, 2], pos[:, 1]], axis=-1)
        j = joints[::2]
        full_pose = np.stack([j[..., 0], -j[..., 2], j[..., 1]], axis=-1).astype(np.float32)
        out = {"smpl_poses": q.reshape((-1, 72)).astype(np.float32), "smpl_trans": pos.astype(np.float32),
               "full_pose": full_pose}
        pickle.dump(out, open(os.path.join(HERE, "edge", "test_" + seq + ".pkl"), "wb"))

        # FACT (mint): two sequences are enough to check the format.
        if i < 2:
            rotmats = Rotation.from_rotvec(poses.reshape(-1, 3)).as_matrix().reshape(len(poses), -1)
            motion = np.concatenate([trans, rotmats], axis=-1)
            motion = np.pad(motion, [[0, 0], [6, 0]]).astype(np.float32)
            audio_name = seq.split("_")[-2]
            np.save(os.path.join(HERE, "fact-mint", "%s_%s.npy" % (seq, audio_name)), motion)


if __name__ == "__main__":
    main()
