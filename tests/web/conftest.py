"""Browser-test fixtures: the demo store served by uvicorn on loopback, and headless Chromium.

Skips with a reason when Chromium or the dashboard bundle is missing — except under CI=true,
where that is a failure (``.ci/run`` installs Chromium and builds the bundle).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

import pytest
from browser_support import CHROMIUM, CHROMIUM_ARGS, serve, skip_or_fail
from demo_data import seed_demo


@pytest.fixture(scope="session")
def browser_ready() -> None:
    from sitroom.api.routes.pages import bundle_built

    if not Path(CHROMIUM).exists():
        skip_or_fail(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    if not bundle_built():
        skip_or_fail("dashboard bundle not built (run `make web`)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        skip_or_fail("the playwright Python package is not installed")


@pytest.fixture(scope="session")
def base_url(browser_ready: None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from sitroom.store import open_store

    db = tmp_path_factory.mktemp("web") / "demo.db"
    with open_store(f"sqlite:///{db}") as store:
        seed_demo(store)
    yield from serve(db)


@pytest.fixture(scope="session")
def browser(browser_ready: None):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, base_url):
    """A fresh page that records console errors, page errors and any dialog (there must be none)."""
    context = browser.new_context(viewport={"width": 1500, "height": 950})
    pg = context.new_page()
    pg.problems = []  # type: ignore[attr-defined]
    pg.dialogs = []  # type: ignore[attr-defined]
    pg.on("console", lambda m: m.type == "error" and pg.problems.append(m.text))
    pg.on("pageerror", lambda e: pg.problems.append(str(e)))

    def on_dialog(dialog) -> None:
        pg.dialogs.append(dialog.message)
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    pg.set_default_timeout(30_000)  # generous: CI machines are small and busy
    yield pg
    context.close()
