"""A static, offline HTML report of the warehouse: `kommunbudget report`."""

from .build import ReportResult, write_report

__all__ = ["ReportResult", "write_report"]
