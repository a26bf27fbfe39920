"""Tests of the PDF helpers (tests/pdfcheck.py) themselves: on a tagged PDF/UA-1 file and an
untagged one, both made here by WeasyPrint from data/browser/pdf_sample.html, and on a PDF with a
font that is not embedded, made here with pikepdf."""

from __future__ import annotations

from pathlib import Path

import pytest

import pdfcheck
from pdfcheck import (
    all_fonts_embedded, count_struct, displays_doc_title, fonts, is_tagged, lang, outline, outline_titles,
    page_count, page_texts, pages_without_page_n_of_m, pdfinfo, struct_elements, th_count, title, titles,
    unembedded_fonts,
)

SAMPLE = Path(__file__).resolve().parent / "data" / "browser" / "pdf_sample.html"


def _weasyprint():
    try:
        import weasyprint
    except ImportError:
        pdfcheck._missing("the Python package weasyprint is not installed in this environment")
    return weasyprint


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, Path]:
    """The sample page printed twice: tagged (PDF/UA-1) and plain (untagged)."""
    weasyprint = _weasyprint()
    out = tmp_path_factory.mktemp("pdf")
    document = weasyprint.HTML(filename=str(SAMPLE)).render()
    paths = {"tagged": out / "tagged.pdf", "plain": out / "plain.pdf"}
    document.write_pdf(paths["tagged"], pdf_variant="pdf/ua-1")
    document.write_pdf(paths["plain"])
    return paths


@pytest.fixture(scope="module")
def unembedded_pdf(tmp_path_factory) -> Path:
    """One page of text in Helvetica, a standard font that the PDF names but does not embed."""
    pikepdf = pdfcheck._pikepdf()
    pdf = pikepdf.new()
    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                BaseFont=pikepdf.Name.Helvetica))
    contents = pdf.make_stream(b"BT /F1 12 Tf 72 720 Td (No page numbers here) Tj ET")
    pdf.pages.append(pikepdf.Page(pikepdf.Dictionary(
        Type=pikepdf.Name.Page, MediaBox=[0, 0, 595, 842], Contents=contents,
        Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)))))
    path = tmp_path_factory.mktemp("pdf") / "unembedded.pdf"
    pdf.save(path)
    return path


def test_tagged_and_untagged_are_told_apart(pdfs):
    assert is_tagged(pdfs["tagged"])
    assert not is_tagged(pdfs["plain"])
    assert pdfinfo(pdfs["tagged"])["Tagged"] == "yes"
    assert pdfinfo(pdfs["plain"])["Tagged"] == "no"


def test_language(pdfs):
    assert lang(pdfs["tagged"]) == "en-GB"


def test_title_and_display_doc_title(pdfs):
    assert title(pdfs["tagged"]) == "Sample delivery plan"
    assert titles(pdfs["tagged"]) == {"info": "Sample delivery plan", "xmp": "Sample delivery plan"}
    assert displays_doc_title(pdfs["tagged"])
    assert titles(pdfs["plain"])["xmp"] is None  # no XMP metadata when not PDF/UA
    assert not displays_doc_title(pdfs["plain"])


def test_outline(pdfs):
    assert outline(pdfs["tagged"]) == [(1, "Priorities"), (2, "Serious acquisitive crime"), (1, "Finance")]
    assert outline_titles(pdfs["plain"]) == ["Priorities", "Serious acquisitive crime", "Finance"]


def test_structure_elements(pdfs):
    assert th_count(pdfs["tagged"]) == 3  # two column headers and one row header
    assert count_struct(pdfs["tagged"], "Table") == 1
    assert count_struct(pdfs["tagged"], "H1") == 2
    assert th_count(pdfs["plain"]) == 0
    assert struct_elements(pdfs["plain"]) == {}


def test_fonts_embedded(pdfs, unembedded_pdf):
    assert fonts(pdfs["tagged"]) and all(f["emb"] == "yes" for f in fonts(pdfs["tagged"]))
    assert all_fonts_embedded(pdfs["tagged"])
    assert all_fonts_embedded(pdfs["plain"])
    assert not all_fonts_embedded(unembedded_pdf)
    assert unembedded_fonts(unembedded_pdf) == ["Helvetica"]
    assert fonts(unembedded_pdf)[0]["type"] == "Type 1"


def test_pages_and_page_numbers(pdfs, unembedded_pdf):
    assert page_count(pdfs["tagged"]) == 2
    texts = page_texts(pdfs["tagged"])
    assert len(texts) == 2
    assert "Page 1 of 2" in texts[0] and "Page 2 of 2" in texts[1]
    assert "Priorities" in texts[0] and "Finance" in texts[1]
    assert pages_without_page_n_of_m(pdfs["tagged"]) == []
    assert pages_without_page_n_of_m(unembedded_pdf) == [1]


def test_missing_poppler_skips_outside_ci(monkeypatch, pdfs):
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="poppler-utils"):
        fonts(pdfs["tagged"])


def test_missing_poppler_fails_in_ci(monkeypatch, pdfs):
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        fonts(pdfs["tagged"])
