"""Word files (.docx) written with python-docx, as a ministry's staff would save a report:
the headline as a heading, the lead in bold, the paragraphs; in some of them a table of
figures, a running header with the body's name and a page-number field in the footer (Word
keeps those in their own parts of the file, apart from the text)."""

from __future__ import annotations

import io
import random

from bench.ingest.articles import Article
from bench.ingest.chrome import Chrome
from bench.ingest.tables import Table

HEADERS = ("BỘ NỘI VỤ", "ỦY BAN NHÂN DÂN TỈNH", "VĂN PHÒNG CHÍNH PHỦ")


def make_docx(article: Article, rng: random.Random, table: Table | None) -> tuple[bytes, Chrome]:
    import docx  # the Word extractor's library; imported where a Word file is made

    chrome = Chrome()
    document = docx.Document()
    document.add_heading(article.title, level=1)
    lead, *body = article.paragraphs
    document.add_paragraph().add_run(lead).bold = True
    for number, paragraph in enumerate(body, start=2):
        if table is not None and number == table.after + 1:
            _add_table(document, table)
        document.add_paragraph(paragraph)
    if table is not None and table.after >= len(article.paragraphs):
        _add_table(document, table)
    if rng.random() < 0.5:
        section = document.sections[0]
        section.header.paragraphs[0].text = chrome.add("running header", rng.choice(HEADERS))
        _add_page_number(section.footer.paragraphs[0])
        chrome.patterns.append(("page number", r"Trang \d+"))
    output = io.BytesIO()
    document.save(output)
    return output.getvalue(), chrome


def _add_table(document, table: Table) -> None:
    grid = document.add_table(rows=len(table.rows), cols=len(table.rows[0]))
    for row, values in zip(grid.rows, table.rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value


def _add_page_number(paragraph) -> None:
    """ "Trang " and a PAGE field, with "1" as the value Word shows until it updates it."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    paragraph.add_run("Trang ")
    field = parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
    )
    paragraph._p.append(field)
