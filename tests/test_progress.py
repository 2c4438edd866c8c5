"""A progress bar on a terminal, and none of its control characters anywhere else."""
from __future__ import annotations

import fcntl
import io
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from conftest import ROOT, make_project

from builder.progress import Bar, terminal_bar

BAR_CONTROLS = re.compile(r"\r|\x1b\[")


def run(cwd: Path, args: list[str], *, tty: bool) -> tuple[str, str]:
    """`python -m builder ARGS` in a fresh process; its stdout, and its stderr,
    which is a terminal (80 columns) when `tty`, else a pipe."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "builder", *args]
    if not tty:
        proc = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr
        return proc.stdout, proc.stderr
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    with open(os.devnull) as nothing:
        proc = subprocess.Popen(command, cwd=cwd, env=env, stdin=nothing, stdout=subprocess.PIPE, stderr=follower)
    os.close(follower)
    err = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the process closed the terminal
            break
        if not chunk:
            break
        err += chunk
    out = proc.stdout.read().decode()
    assert proc.wait(timeout=300) == 0, err
    os.close(leader)
    return out, err.decode(errors="replace")


@pytest.mark.parametrize("command", [["annotate", "--no-cache", "seeds"], ["build", "--no-cache", "--site-dir", "SITE"]])
def test_a_bar_on_a_terminal_and_no_control_characters_elsewhere(command, tmp_path):
    project = make_project(tmp_path, {"story.txt": "Title\n\n“We will see,” said Bo Li.\n"})
    args = [str(tmp_path / "site") if a == "SITE" else a for a in command]
    plain_out, plain_err = run(project, args, tty=False)
    bar_out, bar_err = run(project, args, tty=True)
    assert not BAR_CONTROLS.search(plain_err + plain_out), plain_err
    assert "annotating: 100%" in bar_err and "1/1" in bar_err and "articles/s" in bar_err, bar_err
    assert bar_out == plain_out


def test_the_bar_counts_articles_and_closes_at_the_last():
    stream = io.StringIO()
    bar = Bar(stream)
    for done in range(1, 4):
        bar(done, 3, done)
    assert bar.bar is None and "3/3" in stream.getvalue() and "3 parsed" in stream.getvalue()


def test_no_bar_when_stderr_is_not_a_terminal():
    with terminal_bar(io.StringIO()) as bar:
        assert bar is None
