"""A manifest says what to know about each of many documents, for one `ingest` command."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.metadata import MetaOverrides
from kommunbudget.errors import UsageError
from kommunbudget.manifest import read_manifest


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "manifest.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_each_row_says_what_its_cells_say_and_an_empty_cell_keeps_the_command_line(tmp_path):
    manifest = write(
        tmp_path,
        "path,municipality,committee,base_year,document_type\n"
        "amal_driftbudget2021.txt,1492,,2021,\n"
        "sub/lund.txt,Lund,Kommunstyrelsen,,resultatbudget\n"
        "/abs/other.pdf,,,,\n",
    )
    defaults = MetaOverrides(municipality="0580", base_year=2024)

    got = read_manifest(manifest, defaults)

    assert got == {
        tmp_path / "amal_driftbudget2021.txt": MetaOverrides("1492", None, 2021, None),
        tmp_path / "sub" / "lund.txt": MetaOverrides("Lund", "Kommunstyrelsen", 2024, "resultatbudget"),
        Path("/abs/other.pdf"): MetaOverrides("0580", None, 2024, None),
    }


def test_only_the_path_column_is_required_and_a_bom_is_fine(tmp_path):
    manifest = tmp_path / "m.csv"
    manifest.write_text("\ufeffpath\na.txt\n", encoding="utf-8")
    assert read_manifest(manifest, MetaOverrides()) == {tmp_path / "a.txt": MetaOverrides()}


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("file,municipality\na.txt,0580\n", "must name a path column"),
        ("path,kommun\na.txt,0580\n", "only these columns"),
        ("path,base_year\na.txt,24\n", "line 2: base_year '24' is not a year"),
        ("path,municipality\n,0580\n", "line 2: the path is empty"),
    ],
)
def test_a_manifest_that_cannot_be_right_is_a_usage_error_naming_the_line(tmp_path, text, says):
    with pytest.raises(UsageError, match=says):
        read_manifest(write(tmp_path, text), MetaOverrides())


def test_a_missing_manifest_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="cannot read the manifest"):
        read_manifest(tmp_path / "none.csv", MetaOverrides())
