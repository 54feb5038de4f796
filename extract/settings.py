"""Extraction settings: one frozen, validated object instead of loose keyword arguments."""

from __future__ import annotations

from dataclasses import dataclass

PDF_TEXT_LAYERS = ("pypdfium2", "pdfplumber")


@dataclass(frozen=True, slots=True)
class ExtractionSettings:
    # Years a table header may name; anything else is not a fiscal year.
    min_year: int = 1990
    max_year: int = 2099
    # A label-only line at least this long is running text, which ends a table.
    prose_min_chars: int = 75
    # Consecutive non-value lines after which a table is over.
    max_gap_lines: int = 6
    # Bound on the readings kept for one row (the best by prior: on the development, bundled and
    # national corpora the arithmetic never chose one below the 24th) and on the combinations
    # tried for one table.
    max_readings_per_row: int = 64
    max_combinations: int = 20_000
    # PDF geometry, in points / multiples of the font size.
    pdf_x_tolerance: float = 1.5
    pdf_y_tolerance: float = 3.0
    pdf_line_tolerance: float = 0.45
    pdf_blank_gap: float = 1.25  # a line pitch this many times the page's regular pitch is a blank line
    pdf_cell_gap: float = 0.55  # a gap wider than this many font sizes separates two cells
    # Where a PDF's words come from: pypdfium2 (fast) or pdfplumber; both read the same cells.
    pdf_text_layer: str = "pypdfium2"

    def __post_init__(self) -> None:
        if not (1900 <= self.min_year < self.max_year <= 2200):
            raise ValueError("min_year and max_year must bound a plausible range of fiscal years")
        for name in (
            "prose_min_chars",
            "max_gap_lines",
            "max_readings_per_row",
            "max_combinations",
        ):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive")
        for name in (
            "pdf_x_tolerance",
            "pdf_y_tolerance",
            "pdf_line_tolerance",
            "pdf_blank_gap",
            "pdf_cell_gap",
        ):
            if getattr(self, name) <= 0:
                raise ValueError(f"{name} must be positive")
        if self.pdf_text_layer not in PDF_TEXT_LAYERS:
            raise ValueError(
                f"pdf_text_layer must be one of {', '.join(PDF_TEXT_LAYERS)}, not {self.pdf_text_layer!r}"
            )


DEFAULT_SETTINGS = ExtractionSettings()
