"""qr.svg: the share link's QR code, drawn by segno (installed natively; unpacked on demand in the worker)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import segno

from checks.api import call_json
from checks.report import qr

SVG = "{http://www.w3.org/2000/svg}"


def test_a_link_becomes_a_standalone_svg_of_its_qr_code():
    link = "https://help.example.com/en/checks.html#report=" + "aB3_-" * 380
    out = qr.svg(link)
    root = ET.fromstring(out)  # a document of its own, for an <img>: no script, no HTML
    assert root.tag == f"{SVG}svg"
    assert not [el for el in root.iter() if el.tag.split("}")[-1] in ("script", "foreignObject")]
    size = segno.make(link, error="l", micro=False).symbol_size(scale=3, border=4)
    assert (int(root.get("width")), int(root.get("height"))) == size


def test_the_scale_stays_within_bounds():
    small, large = (ET.fromstring(qr.svg("x", scale=n)) for n in (-5, 99))
    assert int(small.get("width")) * 10 == int(large.get("width"))


def test_through_call_json():
    out = json.loads(call_json("qr.svg", json.dumps({"text": "https://help.example.com/checks.html"})))
    assert out["result"].startswith("<svg")
