"""`plancc build` publishes the plan schema at a path that names its version, so that with `base_url`
set the address <base_url>schemas/plan/<version>/plan.schema.json is real."""

from __future__ import annotations

import functools
import http.server
import json
import os
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path
from typing import Iterator
from urllib.parse import urlparse

import pytest

from conftest import ROOT
from plancc.publish import publish_schema
from plancc.validate.schema import plan_schema, schema_text


def site_path_of_schema() -> str:
    """Where the site holds the schema, worked out from its $id: schemas/ then the $id's own path."""
    return "schemas" + urlparse(plan_schema()["$id"]).path


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A local web server for tmp_path/www, and that folder."""
    www = tmp_path / "www"
    www.mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(www))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", www
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_the_path_names_the_schemas_version(tmp_path: Path) -> None:
    written = publish_schema(tmp_path)
    assert written.relative_to(tmp_path).as_posix() == site_path_of_schema()
    assert "/1." in site_path_of_schema()  # the $id carries a version, so the path does too
    assert written.read_text(encoding="utf-8") == schema_text()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"<base_url>{site_path_of_schema()}" in readme and plan_schema()["$id"] in readme  # README is current


def test_with_base_url_set_the_schemas_address_is_real(tmp_path: Path, server: tuple[str, Path]) -> None:
    origin, www = server
    base_url = f"{origin}/community-safety/"
    project = tmp_path / "council"
    (project / "plans").mkdir(parents=True)
    (project / "plancc.yml").write_text(f"base_url: {base_url}\n", encoding="utf-8")
    new = subprocess.run([sys.executable, "-m", "plancc", "new", "plans/plan.yaml"], cwd=project,
                         capture_output=True, text=True, timeout=120)
    assert new.returncode == 0, new.stdout + new.stderr
    built = subprocess.run([sys.executable, "-m", "plancc", "build", "plans", "--no-a11y", "--out", "site"],
                           cwd=project, capture_output=True, text=True, timeout=600,
                           env={**os.environ, "NO_COLOR": "1", "SOURCE_DATE_EPOCH": "1764000000"})
    assert built.returncode == 0, built.stdout + built.stderr
    (www / "community-safety").symlink_to((project / "site").resolve())  # uploaded to the council's site

    address = base_url + site_path_of_schema()
    with urllib.request.urlopen(address, timeout=30) as response:
        published = json.loads(response.read().decode("utf-8"))
    assert published == plan_schema()
    assert published["$id"] == plan_schema()["$id"]  # the $id stays plancc's canonical name for the schema
