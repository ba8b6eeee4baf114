"""The doctor-visit summary: built as plain data (summary.py), rendered to PDF (pdf.py), drawn (charts.py)."""
