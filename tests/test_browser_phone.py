"""A phone (390×844, touch, no hover) in real headless Chromium: a tap on a dot opens its
panel under the network and scrolls it into view, and leaves no tooltip behind."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import chromium

_NODE_XY = """id => {
  const net = histkg.network, box = document.getElementById('kg-network').getBoundingClientRect();
  const dom = net.canvasToDOM(net.getPosition(id));
  return [box.left + dom.x, box.top + dom.y];
}"""
_TOOLTIPS = """() => [...document.querySelectorAll('div.vis-tooltip')]
  .filter(t => getComputedStyle(t).visibility !== 'hidden' && t.textContent.trim()).length"""


def _phone(browser: Any, url: str) -> tuple[Any, chromium.Watch]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True,
                                  device_scale_factor=2, service_workers="block")
    watch = chromium.Watch()
    context.route("**/*", watch.route)
    page = context.new_page()
    watch.attach(page)
    page.goto(url, wait_until="load")
    chromium.wait_stable(page)
    return page, watch


def test_a_tap_on_a_phone_scrolls_the_panel_into_view_and_leaves_no_tooltip(browser: Any,
                                                                            seed_build: Path) -> None:
    page, watch = _phone(browser, (seed_build / "graph.html").as_uri())
    assert page.evaluate("matchMedia('(hover: none)').matches")
    hub = page.evaluate("histkg.data.nodes.reduce((a, b) => b.deg > a.deg ? b : a).id")
    page.evaluate("id => histkg.network.focus(id, {scale: 1.5})", hub)
    x, y = page.evaluate(_NODE_XY, hub)
    page.touchscreen.tap(x, y)
    page.wait_for_selector("#kg-panel:not([hidden])", timeout=5_000)
    page.wait_for_timeout(400)  # longer than the tooltip delay
    top = page.evaluate("document.getElementById('kg-panel').getBoundingClientRect().top")
    assert 0 <= top < 844 / 2
    assert page.evaluate(_TOOLTIPS) == 0
    assert page.evaluate("histkg.network.getSelectedNodes()") == [hub]
    watch.assert_clean()
