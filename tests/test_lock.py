"""The universal lock resolves on every platform a student brings, checked offline from its markers and wheel tags.

requirements.lock (what pip installs) and pylock.toml / pylock.app.toml (PEP 751, the same pins with every wheel
file PyPI has for them) are written together by `make lock`. For each target platform this evaluates the markers
and asks: is every package the platform selects pinned once, to the version the other platforms get, with a wheel
whose tags that platform's pip accepts?
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.tags import Tag, compatible_tags, cpython_tags, mac_platforms
from packaging.utils import canonicalize_name, parse_wheel_filename

REPO = Path(__file__).resolve().parents[1]
PYTHON = (3, 11)
# The floors are torch's own: its Linux wheels are manylinux_2_28, its macOS wheel macosx_14_0_arm64.
GLIBC = (2, 28)
MACOS = (14, 0)
# Sdist-only on PyPI and pure Python (pip builds them anywhere with setuptools); a new sdist-only pin fails below.
PURE_PYTHON_SDISTS = {"antlr4-python3-runtime", "grad-cam"}


def _linux_platforms(arch: str) -> list[str]:
    plats = [f"manylinux_{GLIBC[0]}_{minor}_{arch}" for minor in range(GLIBC[1], 4, -1)]
    legacy = {"manylinux2014": 17, "manylinux2010": 12, "manylinux1": 5}
    plats += [f"{name}_{arch}" for name, minor in legacy.items() if minor <= GLIBC[1]]
    return [*plats, f"linux_{arch}"]


def _environment(sys_platform: str, system: str, machine: str) -> dict[str, str]:
    return {"sys_platform": sys_platform, "platform_system": system, "platform_machine": machine,
            "os_name": "posix", "python_version": "3.11", "python_full_version": "3.11.9",
            "implementation_name": "cpython", "platform_python_implementation": "CPython",
            "implementation_version": "3.11.9", "platform_release": "", "platform_version": "", "extra": ""}


PLATFORMS = {
    "linux-x86_64": (_environment("linux", "Linux", "x86_64"), _linux_platforms("x86_64")),
    "linux-aarch64": (_environment("linux", "Linux", "aarch64"), _linux_platforms("aarch64")),
    "macos-arm64": (_environment("darwin", "Darwin", "arm64"), list(mac_platforms(MACOS, "arm64"))),
}


def supported_tags(platforms: list[str]) -> set[Tag]:
    return (set(cpython_tags(PYTHON, abis=["cp311"], platforms=platforms))
            | set(compatible_tags(PYTHON, interpreter="cp311", platforms=platforms)))


def read_requirements(path: Path) -> list[Requirement]:
    reqs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            reqs.append(Requirement(line))
    return reqs


def pinned(req: Requirement) -> str:
    (spec,) = req.specifier
    assert spec.operator == "==", f"{req}: not an exact pin"
    return spec.version


def read_pylock(path: Path) -> dict[tuple[str, str], dict]:
    return {(canonicalize_name(p["name"]), p["version"]): p
            for p in tomllib.loads(path.read_text(encoding="utf-8"))["packages"]}


def selected(reqs: list[Requirement], env: dict[str, str]) -> dict[str, list[str]]:
    """name -> the versions a pip on `env` installs from these lines."""
    out: dict[str, list[str]] = {}
    for req in reqs:
        if req.marker is None or req.marker.evaluate(env):
            out.setdefault(canonicalize_name(req.name), []).append(pinned(req))
    return out


def wheel_problems(reqs: list[Requirement], lock: dict[tuple[str, str], dict], platform: str) -> list[str]:
    """Packages `platform` selects that pip there could only build from source (or not find at all)."""
    env, platforms = PLATFORMS[platform]
    tags = supported_tags(platforms)
    problems = []
    for name, versions in selected(reqs, env).items():
        entry = lock.get((name, versions[0]))
        if entry is None:
            problems.append(f"{name}=={versions[0]}: not in the pylock file (run `make lock`)")
            continue
        wheels = [w.get("name") or w["url"].rsplit("/", 1)[1] for w in entry.get("wheels", [])]
        if any(parse_wheel_filename(w)[3] & tags for w in wheels):
            continue
        if not wheels and "sdist" in entry and name in PURE_PYTHON_SDISTS:
            continue
        problems.append(f"{name}=={versions[0]}: no wheel for {platform} among {wheels or 'none (sdist only)'}")
    return problems


@pytest.fixture(scope="module")
def lock() -> list[Requirement]:
    return read_requirements(REPO / "requirements.lock")


@pytest.fixture(scope="module")
def pylock() -> dict[tuple[str, str], dict]:
    return read_pylock(REPO / "pylock.toml")


@pytest.mark.parametrize("platform", sorted(PLATFORMS))
def test_every_selected_pin_has_a_wheel(lock, pylock, platform):
    assert wheel_problems(lock, pylock, platform) == []


@pytest.mark.parametrize("platform", sorted(PLATFORMS))
def test_one_version_per_package_and_the_declared_stack(lock, platform):
    env = PLATFORMS[platform][0]
    chosen = selected(lock, env)
    assert {n: v for n, v in chosen.items() if len(v) > 1} == {}
    assert chosen["torch"] == ["2.14.1"] and chosen["torchvision"] == ["0.29.1"]
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for line in [*project["dependencies"], *project["optional-dependencies"]["dev"]]:
        req = Requirement(line)
        name = canonicalize_name(req.name)
        assert name in chosen, f"pyproject.toml declares {line!r} but requirements.lock has no pin for {platform}"
        assert req.specifier.contains(chosen[name][0], prereleases=True), f"{line!r} vs pin {chosen[name][0]}"
    cuda = {n for n in chosen if n.startswith(("nvidia-", "cuda-")) and n != "nvidia-ml-py" or n == "triton"}
    assert bool(cuda) == platform.startswith("linux"), sorted(cuda)  # CUDA wheels from PyPI on Linux only


def test_same_versions_on_every_platform(lock):
    versions: dict[str, set[str]] = {}
    for env, _ in PLATFORMS.values():
        for name, vs in selected(lock, env).items():
            versions.setdefault(name, set()).update(vs)
    assert {n: v for n, v in versions.items() if len(v) > 1} == {}


def test_pylock_holds_exactly_the_pins_of_requirements_lock(lock, pylock):
    for env, _ in PLATFORMS.values():
        from_pylock = {name: [version] for (name, version), p in pylock.items()
                       if "marker" not in p or Marker(p["marker"]).evaluate(env)}
        assert selected(lock, env) == from_pylock, "requirements.lock and pylock.toml disagree: run `make lock`"


@pytest.mark.parametrize("platform", sorted(PLATFORMS))
def test_app_pins_have_wheels(platform):
    app = read_requirements(REPO / "requirements-app.txt")
    app_lock = read_pylock(REPO / "pylock.app.toml")
    assert {(canonicalize_name(r.name), pinned(r)) for r in app} == set(app_lock), "run `make lock`"
    assert wheel_problems(app, app_lock, platform) == []


def test_the_check_catches_a_pin_without_a_wheel(lock, pylock):
    """Linux-only CUDA wheels selected on macOS, or an sdist nobody vetted, must fail."""
    unmarked = [Requirement(str(r).split(";")[0]) if canonicalize_name(r.name) == "triton" else r for r in lock]
    assert [p for p in wheel_problems(unmarked, pylock, "macos-arm64") if p.startswith("triton==")]
    arm_only = {k: {**v, "wheels": [w for w in v.get("wheels", []) if "x86_64" not in w["url"]]}
                if k[0] == "torch" else v for k, v in pylock.items()}
    assert [p for p in wheel_problems(lock, arm_only, "linux-x86_64") if p.startswith("torch==")]
    assert wheel_problems(lock, pylock, "linux-x86_64") == []
