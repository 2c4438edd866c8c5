"""Every core on cold builds: worker processes give the records one process gives,
byte for byte, keep a failing article to itself, and start only when they pay."""
from __future__ import annotations

import dataclasses
import os
import subprocess
import sys

import pytest

from conftest import ROOT

from builder import annotate as ann
from builder import build as build_module
from builder import cache, parallel
from builder.build import annotate_all
from builder.read import Settings, read_paths
from builder.records import Article, Span

REAL = [ROOT / "seeds", ROOT / "tests" / "scenarios" / "basic" / "seeds", ROOT / "tests" / "formats"]


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    """Real articles from every input format, and one whose annotation raises."""
    found, _ = read_paths(REAL, Settings())
    broken = Article(id="broken", title="Broken", source="broken.txt", text="Some text.",
                     paragraphs=(Span("a", "b"),))  # type: ignore[arg-type]
    return found[:3] + [broken] + found[3:]


def fresh_run(articles: list[Article], monkeypatch, n_process: int, **kwargs) -> tuple[list[Article], list]:
    """annotate_all as a fresh process runs it (nothing in memory), with the pool
    allowed however little text there is."""
    monkeypatch.setattr(build_module, "_CACHE", {})
    monkeypatch.setattr(parallel, "MIN_POOL_CHARS", 0)
    return annotate_all(articles, ann.DEFAULT_MODEL, n_process=n_process, **kwargs)


@pytest.fixture(scope="module")
def one_process(articles) -> tuple[list[Article], list]:
    with pytest.MonkeyPatch.context() as monkeypatch:
        return fresh_run(articles, monkeypatch, 1)


def test_two_processes_give_the_records_of_one_byte_for_byte(articles, one_process, monkeypatch, tmp_path):
    assert len(articles) >= 8
    seen: list[str] = []
    real = build_module.ann.annotate
    monkeypatch.setattr(build_module.ann, "annotate", lambda a, nlp: seen.append(a.id) or real(a, nlp))
    tally = cache.Tally()
    two = fresh_run(articles, monkeypatch, 2, cache_dir=tmp_path, tally=tally)
    assert seen == []  # the workers parsed them all
    assert [cache.encode(a) for a in two[0]] == [cache.encode(a) for a in one_process[0]]
    assert two == one_process and any(a.quotes for a in two[0])
    assert (tally.hits, tally.misses) == (0, len(articles))
    again = fresh_run(articles, monkeypatch, 2, cache_dir=tmp_path)  # what the workers stored, read back
    assert again == one_process and seen == ["broken"]  # a failure is not stored


def test_an_article_that_raises_in_a_worker_is_a_problem_naming_its_file(articles, one_process, monkeypatch):
    annotated, problems = fresh_run(articles, monkeypatch, 2)
    assert [p.source for p in problems] == ["broken.txt"]
    assert problems[0].message.startswith("annotation failed: TypeError(")
    assert problems == one_process[1]
    assert [a.id for a in annotated] == [a.id for a in articles if a.id != "broken"]


def test_a_missing_model_is_said_from_the_workers_too(articles, monkeypatch):
    with pytest.raises(ann.ModelNotFound, match="'xx_no_such_model' is not installed"):
        monkeypatch.setattr(parallel, "MIN_POOL_CHARS", 0)
        annotate_all(articles, "xx_no_such_model", n_process=2)


@pytest.mark.parametrize("misses, chars_each, n_process, pool", [
    (100, 5_000, 1, False),  # one process asked for
    (3, 50_000, 2, False),  # fewer articles than two per worker
    (4, 50_000, 2, True),
    (8, 10_000, 4, False),  # too little text to pay for starting workers
    (40, 5_000, 4, True),
    (0, 0, 8, False),
])
def test_workers_start_only_when_they_pay(misses, chars_each, n_process, pool):
    batch = [Article(id=str(i), title="", source="", text="x" * chars_each, paragraphs=()) for i in range(misses)]
    assert parallel.use_pool(batch, n_process) is pool


def test_batches_keep_every_article_in_order():
    items = [dataclasses.replace(Article(id="", title="", source="", text="", paragraphs=()), id=str(i))
             for i in range(10)]
    groups = parallel.batches(items, 4)
    assert [len(g) for g in groups] == [4, 4, 2] and [a for g in groups for a in g] == items


def test_the_default_is_one_process_per_cpu():
    assert 1 <= parallel.default_processes() <= (os.cpu_count() or 1)


@pytest.mark.parametrize("command", ["annotate", "build"])
def test_a_negative_process_count_is_refused(command):
    proc = subprocess.run([sys.executable, "-m", "builder", command, "--processes", "-1"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "give 0 (one per CPU) or more" in proc.stderr


def test_importing_sourcebook_never_imports_dask():
    code = ("import sys, builder.build, builder.cli, builder.plugin, builder.parallel; "
            "print(sorted(m for m in ('dask', 'distributed') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_workers_exit_when_the_build_is_killed(tmp_path):
    """A killed build leaves no worker parsing on for nobody."""
    import signal
    import time
    from pathlib import Path

    from conftest import ROOT

    script = ("import time\nfrom builder.parallel import worker_pool\npool = worker_pool(1)\n"
              "pool.submit(time.sleep, 120)\n"
              "time.sleep(1.0)\nprint(*pool._processes, flush=True)\ntime.sleep(120)\n")
    build = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    worker = int(build.stdout.readline().split()[0])
    build.send_signal(signal.SIGKILL)
    build.wait()

    def alive(pid: int) -> bool:
        try:
            return Path(f"/proc/{pid}/status").read_text().split("State:")[1].split()[0] != "Z"
        except (FileNotFoundError, IndexError):
            return False

    deadline = time.monotonic() + 15
    while alive(worker) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not alive(worker)
