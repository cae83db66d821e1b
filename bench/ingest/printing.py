"""HTML to PDF with the system's Chromium, the way a report saved "as PDF" is made."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

PRINT_TIMEOUT_S = 60


def find_chromium() -> str | None:
    """The system Chromium's path, or None when it is not installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def print_to_pdf(chromium: str, html: str, pdf: Path) -> Path:
    """Print ``html`` (a whole page) to ``pdf`` with headless Chromium; return ``pdf``."""
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "page.html"
        page.write_text(html, encoding="utf-8")
        command = [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={Path(folder) / 'profile'}",
            f"--print-to-pdf={pdf}",
            # Chromium's own date/URL header and footer would add text the page does not hold.
            "--no-pdf-header-footer",
            page.as_uri(),
        ]
        done = subprocess.run(command, capture_output=True, text=True, timeout=PRINT_TIMEOUT_S)
    if done.returncode != 0 or not pdf.is_file():
        raise RuntimeError(f"chromium could not print the page: {done.stderr[-500:]}")
    return pdf
