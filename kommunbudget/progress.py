"""Progress on stderr: one bar for the documents, one per document for its pages."""

from __future__ import annotations

import sys

from tqdm import tqdm


class Progress:
    def __init__(self, total: int, enabled: bool | None = None):
        # None: show bars only on a terminal, so that CI logs stay readable.
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.docs = tqdm(
            total=total,
            desc="documents",
            unit="doc",
            file=sys.stderr,
            disable=not self.enabled,
            position=0,
            leave=True,
        )
        self.pages: dict[int, tqdm] = {}
        self.names: dict[int, str] = {}

    def named(self, index: int, name: str) -> None:
        self.names[index] = name

    def page(self, index: int, page: int, pages: int) -> None:
        if not self.enabled:
            return
        bar = self.pages.get(index)
        if bar is None:
            bar = tqdm(
                total=pages,
                desc=f"  {self.names.get(index, index)}"[:48],
                unit="page",
                file=sys.stderr,
                position=1 + len(self.pages) % 4,
                leave=False,
            )
            self.pages[index] = bar
        bar.n = page
        bar.refresh()

    def done(self, index: int) -> None:
        bar = self.pages.pop(index, None)
        if bar is not None:
            bar.close()
        self.docs.update(1)

    def close(self) -> None:
        for bar in self.pages.values():
            bar.close()
        self.docs.close()
