"""Exports the example's model as TorchScript and ONNX, with a reference input and output.

Run with Debian's python3-torch (1.13): `python3 export.py`. The model is deliberately small and
readable, a "hold and sway" dancer: it continues the last seed pose, swaying the root sideways with
the music's onset envelope (FACT feature 0) and turning the pelvis a little with the beat features.
Any model with the same inputs and outputs can replace it (see model.json).
"""
import numpy as np
import torch


class HoldAndSway(torch.nn.Module):
    def __init__(self):
        super().__init__()
        # FACT's 225-d frame: 6 zeros, root translation (3), 24 row-major 3x3 rotations.
        self.sway = torch.nn.Parameter(torch.tensor(0.04))

    def forward(self, motion: torch.Tensor, audio: torch.Tensor) -> torch.Tensor:
        # motion: [batch, 120, 225]; audio: [batch, 240, 35]; returns [batch, 20, 225]
        last = motion[:, -1:, :].repeat(1, 20, 1)
        envelope = audio[:, :20, 0:1]
        offset = torch.zeros_like(last)
        offset[:, :, 6:7] = self.sway * torch.tanh(envelope - envelope.mean(dim=1, keepdim=True))
        return last + offset


def main():
    torch.manual_seed(0)
    model = HoldAndSway().eval()
    motion = torch.randn(1, 120, 225) * 0.1
    audio = torch.rand(1, 240, 35)
    with torch.no_grad():
        out = model(motion, audio)
    scripted = torch.jit.script(model)
    scripted.save("hold-and-sway.pt")
    torch.onnx.export(model, (motion, audio), "hold-and-sway.onnx", input_names=["motion", "audio"],
                      output_names=["motion_out"], opset_version=13,
                      dynamic_axes={"motion": {0: "batch"}, "audio": {0: "batch"}, "motion_out": {0: "batch"}})
    np.savez("reference-io.npz", motion=motion.numpy(), audio=audio.numpy(), out=out.numpy())
    print("torch", torch.__version__, "out[0,0,6:9] =", out[0, 0, 6:9].tolist())


if __name__ == "__main__":
    main()
