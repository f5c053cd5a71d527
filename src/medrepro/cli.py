"""The `medrepro` command: sample data, de-identification, privacy scans, profiles."""

from __future__ import annotations

import argparse
import sys

from medrepro.config import run_stage


def _sample(args: argparse.Namespace) -> None:
    from medrepro.data.sample_images import write_sample

    meta = write_sample(args.out_dir, seed=args.seed)
    print(f"wrote {len(meta)} images of {meta['lesion_id'].nunique()} lesions to {args.out_dir}")


def _sample_notes(args: argparse.Namespace) -> None:
    from medrepro.data.sample_notes import write_sample_notes

    planted = write_sample_notes(args.out_csv, n=args.n, seed=args.seed, values_path=args.values)
    print(f"wrote {args.n} synthetic notes with {len(planted)} planted identifiers to {args.out_csv}")


def _deid(argv: list[str]) -> int:
    from medrepro.privacy.deid import deid_main

    return deid_main(argv)


def _scan_phi(argv: list[str]) -> int:
    from medrepro.privacy.scan import main as scan_main

    return scan_main(argv)


# Subcommands with their own argument parsers: everything after the name is passed through.
PASSTHROUGH = {"deid": _deid, "scan-phi": _scan_phi}


def _profile(args: argparse.Namespace) -> None:
    from pathlib import Path

    from medrepro.config import load_params
    from medrepro.profiles import apply_profile, describe_caps, describe_pins, load_profile

    changes = apply_profile(Path(args.params), load_profile(args.name))
    for key, old, new in changes:
        before = "(unset)" if old is None else repr(old)
        print(f"{key}: {before} -> {new!r}" if new is not None else f"{key}: {before} -> (removed)")
    print(f"profile {args.name!r}: {len(changes)} value(s) changed in {args.params}; run `dvc repro` "
          "(undo with `git checkout params.yaml`)")
    params = load_params(args.params)
    for line in describe_pins(params):
        print(line)
    for line in describe_caps(params):
        print(line, file=sys.stderr)


def _fetch_weights(args: argparse.Namespace) -> None:
    from medrepro.config import architecture_list, load_params
    from medrepro.models.fetch import fetch_weights

    params = load_params(args.params)
    archs = args.arch or architecture_list(params)
    notes = None if args.no_notes else (args.notes_model or "emilyalsentzer/Bio_ClinicalBERT")
    manifest = fetch_weights(args.out_dir, archs, notes, stand_in=args.stand_in, seed=args.seed)
    for name, entry in manifest["weights"].items():
        digest = entry["sha256"][:16] if isinstance(entry["sha256"], str) else "of each file in the manifest"
        print(f"{name}: {args.out_dir}/{entry['path']} ({entry['bytes'] / 1e6:.0f} MB, {entry['source']}, "
              f"sha256 {digest})")
    folders = " ".join(f"{args.out_dir}/{e['path'].removesuffix('/model.safetensors')}"
                       for e in manifest["weights"].values())
    print(f"pin them: dvc add {folders} && git add {args.out_dir} && dvc push")


def _predict(args: argparse.Namespace) -> None:
    from medrepro.predict import ModelStore, run_predict

    code = run_predict(args.images, ModelStore.from_repo(args.repo), arch=args.arch, cam_dir=args.cam,
                       as_json=args.json, batch_size=args.batch_size,
                       max_file_mb=args.max_file_mb, device=args.device)
    if code:
        sys.exit(code)


def _serve(args: argparse.Namespace) -> None:
    from medrepro.app import serve
    from medrepro.predict import ModelStore

    serve(ModelStore.from_repo(args.repo), host=args.host, port=args.port, samples_dir=args.samples,
          device=args.device, max_file_mb=args.max_file_mb)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="medrepro", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("sample", help="write the deterministic synthetic HAM10000-layout sample")
    p.add_argument("out_dir")
    p.add_argument("--seed", type=int, default=0)
    p.set_defaults(func=_sample)
    p = sub.add_parser("sample-notes", help="write the deterministic synthetic clinical-notes sample")
    p.add_argument("out_csv")
    p.add_argument("--n", type=int, default=240)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--values", help="also write the planted identifiers (CATEGORY<TAB>value) for privacy scans")
    p.set_defaults(func=_sample_notes)
    sub.add_parser("deid", help="de-identify a notes CSV: medrepro deid IN.csv OUT.csv --column transcription")
    sub.add_parser("scan-phi", help="scan output trees for identifiers: medrepro scan-phi PATH... [--values F]")
    p = sub.add_parser("profile", help="apply a parameter profile from configs/profiles to params.yaml")
    p.add_argument("name", help="profile name, e.g. thesis")
    p.add_argument("--params", default="params.yaml")
    p.set_defaults(func=_profile)
    p = sub.add_parser("fetch-weights", help="save every architecture's pretrained timm weights and the notes "
                       "encoder under one folder with their sha256 (weights/manifest.json), for dvc add/push")
    p.add_argument("--out-dir", default="weights")
    p.add_argument("--arch", action="append", help="only this architecture (repeatable); default: params.yaml")
    p.add_argument("--notes-model", help="hub name of the notes encoder (default emilyalsentzer/Bio_ClinicalBERT)")
    p.add_argument("--no-notes", action="store_true", help="skip the notes encoder")
    p.add_argument("--stand-in", action="store_true", help="random weights of the same shapes, made locally "
                   "(rehearsals and tests only: no download)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--params", default="params.yaml")
    p.set_defaults(func=_fetch_weights)
    p = sub.add_parser("predict", help="classify images with a trained model: calibrated probabilities, "
                       "positive-class decision at the operating threshold, optional Grad-CAM (exit 1 if any image "
                       "is bad)")
    p.add_argument("images", nargs="+", metavar="IMAGE")
    p.add_argument("--arch", help="default: best validation balanced accuracy in results/train/<arch>/train.json, "
                   "else the first trained")
    p.add_argument("--cam", metavar="OUT_DIR", help="write Grad-CAM overlay PNGs (predicted class) here")
    p.add_argument("--json", action="store_true", help="print one JSON document instead of text")
    p.add_argument("--repo", default=".", help="the repository (or a copy of its results/) that holds the "
                   "trained models (default: here)")
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--max-file-mb", type=float, default=20.0, help="refuse larger files (default 20)")
    p.add_argument("--device", default="auto", help="auto (CUDA, else Apple MPS, else CPU), cpu, cuda or mps")
    p.set_defaults(func=_predict)
    p = sub.add_parser("serve", help="start the Gradio demo app (research use only) on localhost")
    p.add_argument("--host", default="127.0.0.1", help="bind address (default: localhost only)")
    p.add_argument("--port", type=int, default=7860)
    p.add_argument("--repo", default=".", help="the repository (or a copy of its results/) that holds the "
                   "trained models (default: here)")
    p.add_argument("--samples", default="data/sample/ham10000", help="folder of example images to offer")
    p.add_argument("--max-file-mb", type=float, default=20.0, help="refuse larger uploads (default 20)")
    p.add_argument("--device", default="auto", help="auto (CUDA, else Apple MPS, else CPU), cpu, cuda or mps")
    p.set_defaults(func=_serve)
    return parser


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and argv[0] in PASSTHROUGH:
        command = PASSTHROUGH[argv[0]]
        run_stage(lambda: sys.exit(command(argv[1:])))
        return
    args = build_parser().parse_args(argv)
    run_stage(lambda: args.func(args))


if __name__ == "__main__":
    main(sys.argv[1:])
