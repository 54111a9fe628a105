"""The tiny models the exported-model tests run (Debian's python3-torch 1.13: `python3 make_models.py`).

Each returns the ground truth it is given: the tests pass a motion, laid out in the representation
under test, as the "music" input, so whatever comes back must be that motion again.
- music.pt / music.onnx: forward(music) -> music (whole and windowed modes without a motion input);
- overlap.pt / overlap.onnx: forward(motion, music) -> music (windowed with the overlap as input, whole
  with a seed); the motion input is read (times zero) so that no exporter drops it;
- next.pt / next.onnx: forward(motion, music) -> music[:, M:M+4] for a motion window of M frames: the
  four frames after the window (autoregressive mode, 4 frames per step);
- short.pt: forward(motion, music) -> music[:, :3]: three frames where four are declared (refused).
Frames and features are dynamic in every file.
"""
import torch


class Music(torch.nn.Module):
    def forward(self, music: torch.Tensor) -> torch.Tensor:
        return music * 1.0


class Overlap(torch.nn.Module):
    def forward(self, motion: torch.Tensor, music: torch.Tensor) -> torch.Tensor:
        return music + 0.0 * motion.mean()


class Next(torch.nn.Module):
    def forward(self, motion: torch.Tensor, music: torch.Tensor) -> torch.Tensor:
        m = motion.shape[1]
        return music[:, m:m + 4] + 0.0 * motion.mean()


class Short(torch.nn.Module):
    def forward(self, motion: torch.Tensor, music: torch.Tensor) -> torch.Tensor:
        return music[:, :3] + 0.0 * motion.mean()


def export(module, name, inputs, names):
    torch.jit.script(module).save(name + ".pt")
    axes = {n: {1: "frames", 2: "values"} for n in names}
    axes["out"] = {1: "frames", 2: "values"}
    torch.onnx.export(module, inputs, name + ".onnx", input_names=names, output_names=["out"], opset_version=13,
                      dynamic_axes=axes)


def main():
    motion, music = torch.rand(1, 6, 75), torch.rand(1, 12, 75)
    export(Music(), "music", (music,), ["music"])
    export(Overlap(), "overlap", (motion, music), ["motion", "music"])
    export(Next(), "next", (motion, music), ["motion", "music"])
    torch.jit.script(Short()).save("short.pt")
    print("torch", torch.__version__)


if __name__ == "__main__":
    main()
