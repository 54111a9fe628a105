"""Exports an EDGE-shaped model as TorchScript: `python3 export.py` (Debian's python3-torch 1.13).

EDGE (Tseng et al., CVPR 2023) makes 5-s windows at 30 fps: music features [batch, 150, 35] (its
"baseline" features, Choreolab's fact35-30fps; its released checkpoint reads 4800-d Jukebox features
instead) in, motion [batch, 150, 151] out, in EDGE's frame — 4 foot contacts, the root position and
24 joint rotations in 6-D (the first two rows of each matrix), z up — and its long-form code merges
windows that start every 2.5 s. This network has exactly those inputs and outputs, but it is tiny and
untrained (the authors' weights are not reachable here): a rest pose that the music moves a little.
It shows the contract (model.json: windowed, rot6d with contacts, z up, 150 frames every 75), not
EDGE's quality. docs/EXTENDING.md shows how to export EDGE itself.
"""
import numpy as np
import torch


class EdgeShaped(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.embed = torch.nn.Linear(35, 32)
        self.mix = torch.nn.Conv1d(32, 32, kernel_size=9, padding=4)
        self.out = torch.nn.Linear(32, 151)
        # EDGE's frame of a standing pose: contacts, root 0.95 m up (z), identity rotations in 6-D.
        base = torch.zeros(151)
        base[0:4] = 1.0
        base[6] = 0.95
        base[7:] = torch.tensor([1.0, 0, 0, 0, 1.0, 0]).repeat(24)
        self.register_buffer("base", base)
        # How far the music may move each channel: contacts not at all, the root 5 cm, rotations a little.
        reach = torch.full((151,), 0.12)
        reach[0:4] = 0.0
        reach[4:7] = 0.05
        self.register_buffer("reach", reach)

    def forward(self, music: torch.Tensor) -> torch.Tensor:
        # music: [batch, 150, 35] -> motion [batch, 150, 151]
        h = torch.nn.functional.gelu(self.embed(music))
        h = torch.nn.functional.gelu(self.mix(h.transpose(1, 2))).transpose(1, 2)
        return self.base + self.reach * torch.tanh(self.out(h))


def main():
    torch.manual_seed(0)
    model = EdgeShaped().eval()
    music = torch.rand(1, 150, 35)
    with torch.no_grad():
        out = model(music)
    torch.jit.trace(model, music).save("edge-shaped.pt")
    np.savez("reference-io.npz", music=music.numpy(), out=out.numpy())
    print("torch", torch.__version__, "out", tuple(out.shape), "root", out[0, 0, 4:7].tolist())


if __name__ == "__main__":
    main()
