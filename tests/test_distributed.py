"""Beyond one machine: `annotate --scheduler ADDRESS` parses on a Dask cluster (here a
LocalCluster of 2 worker processes), prints the records of a local run and fills
the cache a local build reads."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

INPUTS = [ROOT / "seeds", ROOT / "tests" / "scenarios" / "basic" / "seeds", ROOT / "tests" / "formats" / "feed.jsonl"]


def annotate(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """`python -m builder -v annotate` in a fresh process, in `cwd` (where the cache goes),
    giving up on a scheduler after 3 s."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "3s"}
    return subprocess.run([sys.executable, "-m", "builder", "-v", "annotate", *map(str, INPUTS), *args],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def scheduler():
    """The address of a LocalCluster: 2 worker processes, one thread each."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0") as cluster:
        yield cluster.scheduler_address


@pytest.mark.slow
def test_a_cluster_gives_the_local_records_and_fills_the_local_cache(tmp_path, scheduler):
    remote = annotate(tmp_path, "--scheduler", scheduler)
    assert remote.returncode == 0, remote.stderr
    assert f"annotating 5 articles on {scheduler} (2 worker threads)" in remote.stderr
    local = annotate(tmp_path, "--no-cache", "--processes", "1")
    assert remote.stdout == local.stdout and remote.stdout.count("\n") == 5
    assert "bad record" in remote.stderr  # a bad input is still reported, from the main process
    after = annotate(tmp_path)  # a local run, from the cache the cluster filled
    assert "annotation: 5 articles, 5 from the cache, 0 parsed" in after.stderr
    assert after.stdout == local.stdout


def test_an_unreachable_scheduler_is_said_plainly(tmp_path):
    proc = annotate(tmp_path, "--no-cache", "--scheduler", "tcp://127.0.0.1:9")
    assert proc.returncode == 1
    assert "error: cannot reach the Dask scheduler at tcp://127.0.0.1:9" in proc.stderr
