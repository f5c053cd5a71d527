"""DVC's S3 remote (dvc-s3) against a real S3-compatible server (moto) on 127.0.0.1.

Push a finished sample run, wipe the cache and the outputs, pull, and check every byte came back;
then kill a push half-way and check that pushing again completes it. Credentials live only in the
git-ignored `.dvc/config.local`, never in the committed `.dvc/config`.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest
from conftest import BIN, copy_run, git, stage_env

moto_server = pytest.importorskip("moto.server", reason="needs moto[s3] and flask (pinned in requirements.lock)")

BUCKET = "medrepro-lab"
ACCESS_KEY = "AKIAMEDREPROTEST"
SECRET_KEY = "sk-test-S3SECRET-do-not-commit"
DVC = str(BIN / "dvc")


class S3Server:
    """moto's S3 on a free port of 127.0.0.1; `delay_s` slows every upload so a push can be cut off."""

    def __init__(self) -> None:
        from werkzeug.serving import make_server

        app = moto_server.DomainDispatcherApplication(moto_server.create_backend_app)
        self.delay_s = 0.0
        self.uploads = 0

        def throttled(environ, start_response):
            if environ["REQUEST_METHOD"] in ("PUT", "POST"):
                self.uploads += 1
                time.sleep(self.delay_s)
            return app(environ, start_response)

        self._server = make_server("127.0.0.1", 0, throttled, threaded=True,
                                   request_handler=moto_server.MotoRequestHandler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> S3Server:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._thread.join(timeout=10)

    def client(self):
        import boto3

        return boto3.client("s3", endpoint_url=self.url, aws_access_key_id=ACCESS_KEY,
                            aws_secret_access_key=SECRET_KEY, region_name="us-east-1")

    def read(self, key: str) -> bytes:
        return self.client().get_object(Bucket=BUCKET, Key=key)["Body"].read()

    def keys(self) -> set[str]:
        pages = self.client().get_paginator("list_objects_v2").paginate(Bucket=BUCKET)
        return {obj["Key"] for page in pages for obj in page.get("Contents", [])}


def object_key(md5: str) -> str:
    """Where DVC 3 stores a cache object on the remote."""
    return f"dvcstore/files/md5/{md5[:2]}/{md5[2:]}"


def dvc_env(root: Path) -> dict[str, str]:
    """The stage environment without the developer's own AWS set-up: DVC must use the remote's config."""
    aws = root.parent / "empty-aws"
    aws.mkdir(exist_ok=True)
    for name in ("config", "credentials"):
        (aws / name).touch()
    env = stage_env(AWS_CONFIG_FILE=str(aws / "config"), AWS_SHARED_CREDENTIALS_FILE=str(aws / "credentials"))
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
                 "AWS_DEFAULT_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3"):
        env.pop(name, None)
    return env


def dvc(root: Path, *args: str) -> str:
    proc = subprocess.run([DVC, *args], cwd=root, env=dvc_env(root), capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, (f"dvc {' '.join(args)} failed ({proc.returncode}):\n"
                                  f"{proc.stdout[-3000:]}\n{proc.stderr[-5000:]}")
    return proc.stdout


def cached_outputs(root: Path) -> list[Path]:
    """The outputs that travel through the remote: every DVC-cached one (metrics, plots, cards are in git)."""
    from dvc.repo import Repo

    with Repo(str(root)) as repo:
        return sorted(Path(out.fs_path) for out in repo.index.outs if out.use_cache)


def hashes(root: Path, outputs: list[Path]) -> dict[str, str]:
    files = [f for out in outputs for f in ([out] if out.is_file() else out.rglob("*")) if f.is_file()]
    return {str(f.relative_to(root)): hashlib.sha256(f.read_bytes()).hexdigest() for f in files}


def wipe_cache_and_outputs(root: Path, outputs: list[Path]) -> None:
    shutil.rmtree(root / ".dvc" / "cache")
    for out in outputs:
        if out.is_dir():
            shutil.rmtree(out)
        else:
            out.unlink()


def configure_remote(root: Path, url: str) -> None:
    dvc(root, "remote", "add", "-d", "lab", f"s3://{BUCKET}/dvcstore")
    dvc(root, "remote", "modify", "lab", "endpointurl", url)
    dvc(root, "remote", "modify", "lab", "region", "us-east-1")
    dvc(root, "remote", "modify", "--local", "lab", "access_key_id", ACCESS_KEY)
    dvc(root, "remote", "modify", "--local", "lab", "secret_access_key", SECRET_KEY)


@pytest.mark.slow
def test_push_pull_round_trip_and_interrupted_push(sample_run, tmp_path):
    root = copy_run(sample_run, tmp_path / "repo")
    with S3Server() as s3:
        s3.client().create_bucket(Bucket=BUCKET)
        configure_remote(root, s3.url)

        committed = (root / ".dvc" / "config").read_text()
        assert "s3://" in committed and s3.url in committed
        assert SECRET_KEY not in committed and ACCESS_KEY not in committed
        assert SECRET_KEY in (root / ".dvc" / "config.local").read_text()
        git(root, "check-ignore", "-q", ".dvc/config.local")  # raises if config.local would be committed
        assert ".dvc/config.local" not in git(root, "status", "--porcelain", "--untracked-files=all")

        outputs = cached_outputs(root)
        before = hashes(root, outputs)
        assert any(k.endswith("model.safetensors") for k in before)
        assert any(k.startswith("data/prepared/ham10000/") and k.endswith(".npy") for k in before)

        # 1. Interrupted push: uploads are slowed and one-at-a-time; SIGKILL after the first lands.
        s3.delay_s = 0.4
        log = tmp_path / "push-interrupted.log"
        with log.open("w") as fh:
            proc = subprocess.Popen([DVC, "push", "-j", "1"], cwd=root, env=dvc_env(root), stdout=fh,
                                    stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 120
        while not s3.keys() and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.1)
        os.killpg(proc.pid, signal.SIGKILL)  # the push and anything it started (its own session)
        proc.wait(timeout=30)
        partial = s3.keys()
        assert partial, f"nothing uploaded before the kill ({proc.returncode}): {log.read_text()[-2000:]}"
        for manifest in (k for k in partial if k.endswith(".dir")):  # DVC uploads a dir's manifest last
            for entry in json.loads(s3.read(manifest)):
                assert object_key(entry["md5"]) in partial, f"{manifest} is on the remote without its files"

        # 2. Pushing again finishes the job, and DVC now sees the remote in sync.
        s3.delay_s = 0.0
        dvc(root, "push")
        full = s3.keys()
        assert partial < full, f"the first push was not interrupted ({len(partial)} of {len(full)} objects)"
        status = dvc(root, "status", "--cloud")
        assert "Cache and remote 'lab' are in sync" in status, status

        # 3. A clone-like state (no cache, no outputs) pulls back identical files.
        wipe_cache_and_outputs(root, outputs)
        assert not any(out.exists() for out in outputs)
        dvc(root, "pull")
        assert hashes(root, outputs) == before
        assert "changed" not in dvc(root, "status")
