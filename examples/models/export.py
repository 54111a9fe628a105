"""Exports the two folder models (for $CHOREOLAB_MODELS, no bundle): `python3 export.py`
(Debian's python3-torch 1.13). Both are deliberately tiny and readable, as the TorchScript bundle's
"hold and sway": they keep the last pose they are given and sway the root with the music's onset
envelope (fact35 feature 0). They show two more representations and modes of contract v2:

- sway-axis-angle/ (ONNX, autoregressive): SMPL's 72 axis-angle values and the root translation per
  frame (75); a 60-frame motion window and a 120-frame music window in, 10 frames out, all kept.
- sway-rot6d/ (TorchScript, windowed with the overlap as input): 24 rotations in 6-D and the root
  translation (147, no foot contacts); 60-frame windows every 40 frames, each given the 20 frames it
  overlaps (the previous window's last, or the seed) and the window's music.
"""
import torch


class SwayAxisAngle(torch.nn.Module):
    def forward(self, motion: torch.Tensor, music: torch.Tensor) -> torch.Tensor:
        # motion [b, 60, 75] (72 axis-angle, then the translation), music [b, 120, 35] -> [b, 10, 75]
        last = motion[:, -1:, :].repeat(1, 10, 1)
        envelope = music[:, 60:70, 0:1]
        sway = 0.03 * torch.tanh(envelope - music[:, :, 0:1].mean(dim=1, keepdim=True))
        offset = torch.zeros_like(last)
        offset[:, :, 72:73] = torch.cumsum(sway, dim=1)
        return last + offset


class SwayRot6d(torch.nn.Module):
    def forward(self, motion: torch.Tensor, music: torch.Tensor) -> torch.Tensor:
        # motion [b, 20, 147] (translation, then 24 x 6-D), music [b, 60, 35] -> [b, 60, 147]
        last = motion[:, -1:, :].repeat(1, 60, 1)
        envelope = music[:, :, 0:1]
        sway = 0.004 * torch.tanh(envelope - envelope.mean(dim=1, keepdim=True))
        offset = torch.zeros_like(last)
        offset[:, :, 0:1] = torch.cumsum(sway, dim=1)
        return last + offset


def main():
    torch.manual_seed(0)
    aa = SwayAxisAngle().eval()
    torch.onnx.export(aa, (torch.rand(1, 60, 75), torch.rand(1, 120, 35)), "sway-axis-angle/sway-axis-angle.onnx",
                      input_names=["motion", "music"], output_names=["motion_out"], opset_version=13)
    torch.jit.script(SwayRot6d().eval()).save("sway-rot6d/sway-rot6d.pt")
    print("torch", torch.__version__)


if __name__ == "__main__":
    main()
