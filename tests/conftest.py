"""Shared fixtures: fixture datasets to break, a built site, a loopback server and a real browser."""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from build_scripts import pipeline
from build_scripts.config import DEBIAN_CHROMIUM, Config
from build_scripts.paths import ROOT
from build_scripts.publish.local_server import serve
from build_scripts.publish.pdf import CHROMIUM_FLAGS

FIXTURES = Path(__file__).parent / "fixtures"
CHROMIUM = os.environ.get("CHROMIUM") or str(DEBIAN_CHROMIUM)  # the browser the tests drive, as the PDF printer


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the small, valid fixture datasets, for a test to edit."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "good", target)
    return target


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(FIXTURES / "content", target)
    return target


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


PREFIX = "/multivector/"  # served under a project subpath, as GitHub Pages serves project sites


@pytest.fixture(scope="session")
def site_url() -> str:
    """The address the test site is built for and served at, so that the addresses its pages cite open."""
    return os.environ.get("MULTIVECTOR_TEST_SITE_URL") or f"http://127.0.0.1:{free_port()}{PREFIX}"


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory, site_url: str) -> Path:
    """The real essay, built once for the session into a temporary folder.

    MULTIVECTOR_TEST_SITE names an already built site to test instead (handy while editing tests).
    """
    if os.environ.get("MULTIVECTOR_TEST_SITE"):
        return Path(os.environ["MULTIVECTOR_TEST_SITE"])
    root = tmp_path_factory.mktemp("built")
    docs = root / "docs"
    config = Config(site_url=site_url, docs=docs, site=root / "site")  # the pages' citations and MkDocs use it
    pipeline.build(config)
    return config.site


@pytest.fixture(scope="session")
def base_url(site: Path, site_url: str) -> Iterator[str]:
    """The built site served on the loopback host under a project subpath, as GitHub Pages serves it."""
    server, url = serve(site, PREFIX, int(site_url.split(":")[2].split("/")[0]))
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium (the CI script does)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh browser page that records console errors and every request it makes."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    page.console_errors = []
    page.requests = []
    page.on("console", lambda m: page.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.console_errors.append(str(e)))
    page.on("request", lambda r: page.requests.append(r.url))
    yield page
    context.close()


__all__ = ["CHROMIUM", "FIXTURES", "ROOT", "serve"]
