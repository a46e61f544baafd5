"""Build a corpus and save screenshots of its network page, to look at it as a reader would.

    python benchmarks/page_screenshots.py /work/shared/gold-dev/docs --name gold-dev
    python benchmarks/page_screenshots.py seeds --name seeds --max-nodes 20

Writes into ``tests/artifacts/`` (ignored by git): ``NAME-graph.png`` at 1366×768,
``NAME-panel.png`` with the most connected entity's panel open, ``NAME-phone.png`` at
390×844 and ``NAME-iframe.png``: the page in a 900 px iframe of a course page. Also prints
how many labels were drawn and their smallest size. Chromium is Debian's, network cut
(``tests/chromium.py``).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

import chromium  # noqa: E402

ARTIFACTS = ROOT / "tests" / "artifacts"
HUB = "histkg.data.nodes.reduce((a, b) => b.deg > a.deg ? b : a).id"


def _build(inputs: list[str], out: Path, max_nodes: int | None) -> Path:
    from kg.cli import main

    args = ["build", *inputs, "--out", str(out), "--quiet"]
    if max_nodes:
        args += ["--max-nodes", str(max_nodes)]
    if main(args) not in (0, 1):
        raise SystemExit("kg build failed")
    return out / "graph.html"


def _shoot(browser, url: str, path: Path, size: tuple[int, int], panel: bool = False) -> None:
    page, watch = chromium.open_page(browser, url, size=size)
    frame = next((f for f in page.frames if f.url.endswith("graph.html")), page.main_frame)
    chromium.wait_stable(frame)
    if panel:
        frame.evaluate("() => { const id = " + HUB + "; histkg.network.selectNodes([id]);"
                       " histkg.showNode(id); }")
    page.wait_for_timeout(600)
    page.screenshot(path=str(path))
    boxes = frame.evaluate("histkg.labels.boxes()")
    smallest = min((b["size"] for b in boxes), default=0)
    print(f"{path.name}: {len(boxes)} labels, smallest {smallest} px, problems: "
          f"{watch.errors + watch.dialogs + watch.remote or 'none'}")
    page.context.close()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("inputs", nargs="+", help="files or folders to build")
    p.add_argument("--name", required=True, help="prefix of the screenshot files")
    p.add_argument("--max-nodes", type=int)
    args = p.parse_args(argv)
    ARTIFACTS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        page = _build(args.inputs, Path(tmp), args.max_nodes)
        host = Path(tmp) / "course.html"
        host.write_text("<!DOCTYPE html><meta charset='utf-8'><title>Course</title><body style='margin:0'>"
                        "<p style='font:14px sans-serif'>Week 3 reading: the network</p>"
                        "<iframe src='graph.html' title='network' style='width:900px;height:600px;"
                        "border:1px solid #ccc'></iframe>", encoding="utf-8")
        with chromium.launch() as browser:
            _shoot(browser, page.as_uri(), ARTIFACTS / f"{args.name}-graph.png", (1366, 768))
            _shoot(browser, page.as_uri(), ARTIFACTS / f"{args.name}-panel.png", (1366, 768), panel=True)
            _shoot(browser, page.as_uri(), ARTIFACTS / f"{args.name}-phone.png", (390, 844), panel=True)
            _shoot(browser, host.as_uri(), ARTIFACTS / f"{args.name}-iframe.png", (1000, 680))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
