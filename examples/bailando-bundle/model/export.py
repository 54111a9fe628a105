"""Exports a Bailando-shaped model as ONNX: `python3 export.py` (Debian's python3-torch 1.13).

Bailando (Li et al., CVPR 2022) generates a whole dance at once: its GPT reads the 438-d music
features at 7.5 fps (Choreolab's bailando438) and one motion code per music frame, and its VQ-VAE
decodes each code into 8 frames at 60 fps of 24 joint positions — the root's position, then every
joint relative to the root (its load_data_aist layout; the root comes out as a velocity that
mc_gpt_all.py integrates). The seed is the first code of the real dance, its first 8 frames.
This network has exactly those inputs and outputs — seed [1, 8, 72] and music [1, T, 438] in,
motion [1, 8·T, 72] out — but it is tiny and untrained (the authors' weights are not reachable here):
the seed's average pose, moved a little by the music, the root drifting with an integrated velocity.
docs/EXTENDING.md shows how to export Bailando itself.
"""
import numpy as np
import torch


class BailandoShaped(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = torch.nn.Linear(438, 16)
        self.music = torch.nn.GRU(16, 32, batch_first=True)
        self.decode = torch.nn.Linear(32, 8 * 72)  # 8 frames per music frame, as the VQ-VAE's 8x upsampling

    def forward(self, seed: torch.Tensor, music: torch.Tensor) -> torch.Tensor:
        # seed: [1, 8, 72] (root position, then joints minus the root); music: [1, T, 438] at 7.5 fps
        b, t = music.shape[0], music.shape[1]
        h, _ = self.music(torch.tanh(self.embed(music * 0.1)))
        move = torch.tanh(self.decode(h)).reshape(b, 8 * t, 72)
        pose = seed.mean(dim=1, keepdim=True)
        joints = pose[:, :, 3:] + 0.08 * move[:, :, 3:]
        # the root: the seed's last position plus an integrated velocity of at most 4 mm per frame
        root = seed[:, -1:, :3] + torch.cumsum(0.004 * move[:, :, :3], dim=1)
        return torch.cat([root, joints], dim=2)


def main():
    torch.manual_seed(0)
    model = BailandoShaped().eval()
    seed = torch.rand(1, 8, 72) * 0.1
    music = torch.rand(1, 12, 438)
    with torch.no_grad():
        out = model(seed, music)
    torch.onnx.export(model, (seed, music), "bailando-shaped.onnx", input_names=["seed", "music"], output_names=["motion"],
                      opset_version=13, dynamic_axes={"music": {1: "music_frames"}, "motion": {1: "frames"}})
    np.savez("reference-io.npz", seed=seed.numpy(), music=music.numpy(), out=out.numpy())
    print("torch", torch.__version__, "out", tuple(out.shape))


if __name__ == "__main__":
    main()
