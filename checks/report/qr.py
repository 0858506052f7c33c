"""The QR code of a share link, drawn by segno.

segno is not part of the standard library: the build ships it as its own archive
(hooks/runtime_assets.py), which the worker unpacks only when a QR code is asked for. It is
imported here, inside the function, so checks/ imports without it.
"""

from __future__ import annotations

import io


def svg(text: str, scale: int = 3) -> str:
    """The QR code of text as a standalone SVG document (dark on white, a quiet zone of 4 modules),
    for an <img> (a data: URL): never inserted into the page as markup."""
    import segno  # loaded on demand: see the module docstring

    out = io.BytesIO()
    segno.make(str(text), error="l", micro=False).save(
        out,
        kind="svg",
        scale=max(1, min(int(scale), 10)),
        border=4,
        dark="#000",
        light="#fff",
        xmldecl=False,
        svgns=True,
        svgclass=None,
        lineclass=None,
    )
    return out.getvalue().decode("utf-8")
