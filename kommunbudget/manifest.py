"""A manifest: what to say about each of many documents, in one CSV, for one `ingest` command.

A file of excerpts, or a document that names its municipality too rarely, needs
``--municipality``; a collection of many municipalities' documents would need one command per
municipality. A manifest lists them all at once::

    path,municipality,committee,base_year,document_type
    goteborg/resultatrakning2019.txt,Göteborg,,,
    amal_driftbudget2021.txt,1492,,2021,

``path`` is relative to the manifest's folder (or absolute); every other column is optional, and an
empty cell means what leaving the option out means (detect it, or the value given on the command
line).
"""

from __future__ import annotations

import csv
from pathlib import Path

from extract.metadata import MetaOverrides

from .errors import UsageError

COLUMNS = ("path", "municipality", "committee", "base_year", "document_type")


def read_manifest(manifest: Path, defaults: MetaOverrides) -> dict[Path, MetaOverrides]:
    """Each listed document's path and what to say about it (the manifest's cells over ``defaults``)."""
    try:
        with open(manifest, encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            unknown = sorted(set(reader.fieldnames or ()) - set(COLUMNS))
            if "path" not in (reader.fieldnames or ()) or unknown:
                raise UsageError(
                    f"{manifest}: a manifest's header must name a path column and only these columns: "
                    f"{', '.join(COLUMNS)} (found {', '.join(reader.fieldnames or ['nothing'])})"
                )
            return dict(_entry(manifest, reader.line_num, row, defaults) for row in reader)
    except OSError as exc:
        raise UsageError(f"{manifest}: cannot read the manifest ({exc.strerror or exc})") from exc
    except (csv.Error, UnicodeDecodeError) as exc:
        raise UsageError(f"{manifest}: not a UTF-8 CSV file ({exc})") from exc


def _entry(manifest: Path, line: int, row: dict, defaults: MetaOverrides) -> tuple[Path, MetaOverrides]:
    cells = {k: (v or "").strip() for k, v in row.items() if k in COLUMNS}
    if not cells["path"]:
        raise UsageError(f"{manifest}, line {line}: the path is empty")
    base_year = cells.get("base_year")
    if base_year and not (base_year.isdigit() and len(base_year) == 4):
        raise UsageError(f"{manifest}, line {line}: base_year '{base_year}' is not a year like 2024")
    overrides = MetaOverrides(
        municipality=cells.get("municipality") or defaults.municipality,
        committee=cells.get("committee") or defaults.committee,
        base_year=int(base_year) if base_year else defaults.base_year,
        document_type=cells.get("document_type") or defaults.document_type,
    )
    return manifest.parent / cells["path"], overrides
