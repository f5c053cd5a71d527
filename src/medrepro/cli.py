"""The `medrepro` command: sample data, de-identification, privacy scans, profiles."""

from __future__ import annotations

import argparse
import sys

from medrepro.config import run_stage


def _sample(args: argparse.Namespace) -> None:
    from medrepro.data.sample_images import write_sample

    meta = write_sample(args.out_dir, seed=args.seed)
    print(f"wrote {len(meta)} images of {meta['lesion_id'].nunique()} lesions to {args.out_dir}")


def _profile(args: argparse.Namespace) -> None:
    from pathlib import Path

    from medrepro.profiles import apply_profile, load_profile

    changes = apply_profile(Path(args.params), load_profile(args.name))
    for key, old, new in changes:
        print(f"{key}: {old!r} -> {new!r}")
    print(f"profile {args.name!r}: {len(changes)} value(s) changed in {args.params}; run `dvc repro` "
          "(undo with `git checkout params.yaml`)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="medrepro", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("sample", help="write the deterministic synthetic HAM10000-layout sample")
    p.add_argument("out_dir")
    p.add_argument("--seed", type=int, default=0)
    p.set_defaults(func=_sample)
    p = sub.add_parser("profile", help="apply a parameter profile from configs/profiles to params.yaml")
    p.add_argument("name", help="profile name, e.g. thesis")
    p.add_argument("--params", default="params.yaml")
    p.set_defaults(func=_profile)
    return parser


def main(argv: list[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    run_stage(lambda: args.func(args))


if __name__ == "__main__":
    main(sys.argv[1:])
