"""A progress bar for the command line while articles are annotated: on a
terminal only (the plugin's plain log lines serve `mkdocs serve` and CI)."""
from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Iterator
from typing import TextIO


class Bar:
    """A tqdm bar (articles, articles/s, time left), opened at the first article
    it is told about and closed at the last."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.bar = None

    def __call__(self, done: int, total: int, parsed: int) -> None:
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc="annotating", unit=" articles", file=self.stream,
                            dynamic_ncols=True, mininterval=0.2)
        self.bar.set_postfix_str(f"{parsed} parsed", refresh=False)
        self.bar.update(done - self.bar.n)
        if done >= total:
            self.close()

    def close(self) -> None:
        """End the bar's line; later log lines print below it."""
        if self.bar is not None:
            self.bar.close()
            self.bar = None


@contextlib.contextmanager
def terminal_bar(stream: TextIO | None = None) -> Iterator[Bar | None]:
    """A Bar when `stream` (stderr) is a terminal, else None. While it is open,
    log lines (the command line logs through the root logger) print above the bar."""
    stream = stream if stream is not None else sys.stderr
    if not stream.isatty():
        yield None
        return
    from tqdm.contrib.logging import logging_redirect_tqdm

    bar = Bar(stream)
    with logging_redirect_tqdm(loggers=[logging.getLogger()]):
        try:
            yield bar
        finally:
            bar.close()
