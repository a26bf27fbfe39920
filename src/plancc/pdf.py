"""Print stage: a plan's page as a tagged PDF (PDF/UA-1) with WeasyPrint, fetching nothing remote.

WeasyPrint is given a URL fetcher that serves only files under the folders it is allowed (the
templates and assets, and the plan's own folder). Any other address (http, https, ftp, a file
elsewhere) is refused before a request is made, and reported as a diagnostic. The tables WeasyPrint tags
are then repaired (plancc.pdf_tags) before the file is written.
"""

from __future__ import annotations

import hashlib
import logging
import mimetypes
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from plancc.diagnostics import Diagnostic, Span, error
from plancc.pdf_tags import fix_tables
from plancc.user_errors import write_output


class LocalOnlyFetcher(URLFetcher):
    """Serves files under the allowed folders; refuses every other URL without touching the network."""

    def __init__(self, roots: list[Path]) -> None:
        super().__init__(allowed_protocols={"file"}, allow_redirects=False)
        self.roots = [r.resolve() for r in roots]
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        parsed = urlparse(url)
        path = Path(unquote(parsed.path)).resolve() if parsed.scheme == "file" else None
        if path is None or not any(path.is_relative_to(root) for root in self.roots) or not path.is_file():
            self.refused.append(url)
            raise ValueError(f"plancc does not fetch {url}")
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": kind})


def write_pdf(html: str, base: Path, roots: list[Path], target: Path, file: str) -> list[Diagnostic]:
    """Write the PDF for a page; the diagnostics say what was refused."""
    fetcher = LocalOnlyFetcher(roots)
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    # the same page gives the same PDF, wherever on this machine its assets happen to be
    identifier = hashlib.sha256(re.sub(r"file://[^\"')\s]*", "", html).encode("utf-8")).hexdigest()[:32].encode()
    document = HTML(string=html, base_url=base.resolve().as_uri() + "/", url_fetcher=fetcher)
    data = document.write_pdf(None, pdf_variant="pdf/ua-1", pdf_tags=True, pdf_identifier=identifier)
    # WeasyPrint's table tags lack /Scope and nest anonymous boxes as tables: see plancc.pdf_tags
    write_output(Path(target), fix_tables(data))
    return [error("remote-resource", f"The page refers to {url}, which plancc does not fetch: only files of the "
                  "plan's own folder and of its templates are used.", file, Span.point(1, 1), value=url,
                  hint="Put the file in the plan's folder and refer to it by its name, or remove the reference.")
            for url in dict.fromkeys(fetcher.refused)]
