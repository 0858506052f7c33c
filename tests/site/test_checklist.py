"""The printed checklist: its pages and PDFs as `make build` makes them, in both languages.

PDFs are read back with poppler (pdftotext, pdfinfo, pdftoppm) and the QR code with zbarimg."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from hooks import checklist, checklist_pdf, guide_data
from tests.conftest import build_site

LANGS = guide_data.LANGS
MAX_PAGES = 2


def pdf_path(site: Path, lang: str) -> Path:
    return site / checklist.PDF_NAME[lang]


def pdftext(pdf: Path) -> str:
    return subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def squash(text: str) -> str:
    """pdftotext wraps long lines and puts table cells side by side: compare without whitespace."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def texts(built_site) -> dict[str, str]:
    return {lang: pdftext(pdf_path(built_site, lang)) for lang in LANGS}


@pytest.fixture(scope="module")
def second_build(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("checklist-again") / "site"
    result = build_site(dest)
    assert result.returncode == 0, result.stdout + result.stderr
    return dest


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_holds_every_step_in_its_language(texts, lang):
    text = squash(texts[lang])
    other = next(x for x in LANGS if x != lang)
    by_section = guide_data.action_steps_by_section()
    steps = [st for sec in by_section.values() for st in sec]
    missing = [st["id"] for st in steps if squash(st["title"][lang]) not in text]
    assert missing == []
    assert [st["id"] for st in steps if squash(st["do"][lang]) not in text] == []
    for section in guide_data.steps_source()["sections"]:
        assert (squash(section["title"][lang]) in text) == (section["id"] in by_section), section["id"]
    # Things to read, not to do (FAQ answers, lessons), are not rows to tick.
    reference = [st for st in guide_data.steps_source()["steps"] if st["reference"]]
    assert reference and not [st["id"] for st in reference if squash(st["title"][lang]) in text]
    # The other language's titles are not there (checked where the two differ).
    assert [st["id"] for st in steps if squash(st["title"][other]) in text] == []


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_is_a4_within_the_page_target(built_site, lang):
    info = subprocess.run(["pdfinfo", str(pdf_path(built_site, lang))], capture_output=True, text=True, check=True)
    pages = int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M).group(1))
    assert 1 <= pages <= MAX_PAGES
    assert "(A4)" in info.stdout


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_header_names_product_contacts_and_date(texts, lang):
    settings = guide_data.localize(guide_data.settings(), lang)
    text = squash(texts[lang])
    for value in (settings["product_name"], settings["support"]["internal_contact"], settings["support"]["url"]):
        assert squash(value) in text
    assert checklist.build_date() in text
    assert squash(checklist.short_url(checklist.checks_url(lang))) in text


@pytest.mark.parametrize("lang", LANGS)
def test_pdf_qr_code_decodes_to_the_checks_page_of_its_language(built_site, tmp_path, lang):
    png = tmp_path / "page"
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "150",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf_path(built_site, lang)),
            str(png),
        ],
        check=True,
    )
    decoded = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(png.with_suffix(".png"))], capture_output=True, text=True, check=False
    )
    assert decoded.stdout.split() == [checklist.checks_url(lang)], decoded.stderr
    assert checklist.checks_url(lang).endswith(("/checks.html", "/en/checks.html"))


@pytest.mark.parametrize("lang", LANGS)
def test_checklist_page_lists_every_step_in_guide_order_and_links_its_pdf(built_site, lang):
    page = built_site / checklist.PAGE[lang]
    source = page.read_text(encoding="utf-8")
    listed = re.findall(r'<tr data-step="([a-z0-9-]+)"', source)
    assert listed == [st["id"] for sec in guide_data.action_steps_by_section().values() for st in sec]
    pdf = checklist.PDF_NAME[lang].rsplit("/", 1)[-1]
    assert f'href="{pdf}" download="{checklist.DOWNLOAD_NAME[lang]}"' in source
    assert (page.parent / pdf).is_file()
    # Each step leads to its step on the online guide of the same language.
    base = checklist.checks_url(lang).rsplit("/", 1)[0]
    assert f'href="{base}/basics.html#net-online"' in source


def test_same_sources_give_the_same_pdf(built_site, second_build, texts):
    for lang in LANGS:
        assert pdftext(pdf_path(second_build, lang)) == texts[lang]
        # Chromium's timestamps and node numbers are normalised: the bytes are the same too.
        assert pdf_path(second_build, lang).read_bytes() == pdf_path(built_site, lang).read_bytes()


@pytest.mark.parametrize("lang", LANGS)
def test_every_check_widget_has_a_print_line_and_a_hidden_file_notice(built_site, lang):
    strings = guide_data.localize(guide_data.strings(), lang)["print"]
    prefix = "" if lang == LANGS[0] else "en/"
    url = checklist.checks_url(lang)
    widgets = 0
    for name in ("basics", "notifications", "checks"):
        source = (built_site / f"{prefix}{name}.html").read_text(encoding="utf-8")
        for panel in re.findall(r'<section class="ck-panel".*?</section>', source, re.S):
            widgets += 1
            line = re.search(r'<p class="ck-print">(.*?)</p>', panel, re.S)
            assert line, panel[:200]
            assert "<svg" in line.group(1) and f'href="{url}"' in line.group(1)
            notice = re.search(r'<p class="help-file-notice" hidden>(.*?)</p>', panel, re.S)
            assert notice
            assert "<code>make serve</code>" in notice.group(1)
            assert html.unescape(re.sub("<[^>]+>", "", notice.group(1))) == strings["file_notice"].replace("`", "")
    assert widgets >= 4


def test_build_date_follows_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    assert checklist.build_date() == "2026-01-01"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    head = subprocess.run(["git", "log", "-1", "--format=%cs"], capture_output=True, text=True, check=False).stdout
    assert checklist.build_date() == (head.strip() or checklist.build_date())


def test_a_missing_chromium_stops_the_build_with_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setenv("HELP_CHROMIUM", str(tmp_path / "no-such-chromium"))
    with pytest.raises(PluginError, match=r"chromium and fonts-noto-cjk"):
        checklist_pdf.render(tmp_path)


def test_normalising_keeps_every_offset():
    pdf = b"/CreationDate (D:20261125204323+00'00')\n/ID (node00000175)>> /Headers [(node00000180) (node00000175)]"
    out = checklist_pdf.normalise(pdf, "2026-01-02")
    assert len(out) == len(pdf)
    assert (
        out == b"/CreationDate (D:20260102000000+00'00')\n/ID (node00000001)>> /Headers [(node00000002) (node00000001)]"
    )
