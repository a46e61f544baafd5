"""HTML snippets that put the network page on a course page (``kg build --embed``).

Two files, each a fragment to paste into a page's HTML source:

- ``embed-iframe.html``: an ``<iframe src="graph.html">`` in a box that fills the width
  of its column; upload ``graph.html`` next to the course page.
- ``embed-fragment.html``: one self-contained ``<div>`` holding the whole page in the
  iframe's ``srcdoc`` (nothing to upload). The frame is sandboxed (``allow-scripts`` and
  ``allow-downloads``, so that "download curation.toml" saves the file the page makes),
  so the page cannot touch the course page, and its own content-security policy still
  forbids any request.

The network fills the box and follows its size (vis-network's ``autoResize``); the box
can be resized vertically by the reader.

>>> "srcdoc='&lt;p&gt;it&#39;s&lt;/p&gt;'" in fragment("<p>it's</p>")
True
"""

from __future__ import annotations

import html
from pathlib import Path

from kg.export.atomic import write_text

BOX_STYLE = ("position:relative;width:100%;height:{height};min-height:320px;"
             "resize:vertical;overflow:hidden;border:1px solid #ccc;box-sizing:border-box")
FRAME_STYLE = "position:absolute;inset:0;width:100%;height:100%;border:0"
EMBED_FILES = ("embed-iframe.html", "embed-fragment.html")


def _box(frame_attrs: str, title: str, height: str) -> str:
    style = html.escape(BOX_STYLE.format(height=height), quote=True)
    return (f'<div class="histkg-embed" style="{style}">\n'
            f'  <iframe title="{html.escape(title, quote=True)}" {frame_attrs}\n'
            f'          style="{FRAME_STYLE}" loading="lazy" referrerpolicy="no-referrer"></iframe>\n'
            f"</div>\n")


def iframe_snippet(src: str = "graph.html", title: str = "histkg network",
                   height: str = "70vh") -> str:
    """A box with an iframe that shows ``src`` (a URL relative to the course page)."""
    comment = ("<!-- histkg network: upload graph.html next to this page, "
               "or change src to where it is. -->\n")
    return comment + _box(f'src="{html.escape(src, quote=True)}"', title, height)


def srcdoc_escape(page: str) -> str:
    """The page as the value of a single-quoted attribute: ``&``, ``<``, ``>`` and ``'``
    escaped, double quotes (thousands in the library's code) left as they are."""
    return page.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;")


def fragment(page: str, title: str = "histkg network", height: str = "70vh") -> str:
    """A self-contained box: the whole page inlined in a sandboxed iframe's ``srcdoc``."""
    comment = "<!-- histkg network: self-contained; paste as is into the page's HTML. -->\n"
    attrs = f"sandbox=\"allow-scripts allow-downloads\" srcdoc='{srcdoc_escape(page)}'"
    return comment + _box(attrs, title, height)


def write_embed(page_path: str | Path, out_dir: str | Path | None = None,
                title: str = "histkg network") -> list[Path]:
    """Write both snippets for the page at ``page_path`` (into its folder by default)."""
    page_path = Path(page_path)
    out = Path(out_dir) if out_dir is not None else page_path.parent
    write_text(out / EMBED_FILES[0], iframe_snippet(page_path.name, title))
    write_text(out / EMBED_FILES[1], fragment(page_path.read_text(encoding="utf-8"), title))
    return [out / name for name in EMBED_FILES]
