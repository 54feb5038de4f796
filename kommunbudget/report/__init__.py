"""A static, offline HTML report of the warehouse: `kommunbudget report`."""

__all__ = ["ReportResult", "write_report"]


def __getattr__(name: str):
    # Loaded on first use, so that the CLI can name the report's languages without importing
    # DuckDB and Jinja2 for every other command.
    if name in __all__:
        from . import build

        return getattr(build, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
