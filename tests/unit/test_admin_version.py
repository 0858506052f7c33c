"""The client version an admin types or pastes: reading it, comparing it, and what is said."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

from checks.admin import version
from checks.admin.version import check, compare, defect_matches, parse, parse_parts

from .test_branches import CJK, HALF_WIDTH_NEXT_TO_CJK, SPACE_BY_FULL_WIDTH, UNSPACED_LATIN

ABOUT_DIALOG = """美洽客服工作台
基于 Chromium 120.0.6099.71
版本号：v3.5.2（Build 1203）
Copyright © 2019-2024 Meiqia. All rights reserved."""
ABOUT_NO_KEYWORD = """Meiqia Desktop
Electron version 28.1.0
Chromium 120.0.6099.71 on Windows 10.0.19045
Meiqia 3.5.2
© 2019-2024"""


@pytest.mark.parametrize(
    ("typed", "expected", "build"),
    [
        ("v1.2.3", "1.2.3", None),
        ("1.2", "1.2", None),
        ("1.2.3 (build 45)", "1.2.3", "45"),
        ("版本 1.2.3", "1.2.3", None),
        ("版本：1.2.3。", "1.2.3", None),
        ("Version 1.2.3.4567", "1.2.3.4567", None),
        ("ver. 1.4", "1.4", None),
        ("V 2", "2", None),
        ("7", "7", None),
        ("１．２．３", "1.2.3", None),  # full-width, as a Chinese input method types it
        ("当前版本 1.02.3 构建号 88", "1.2.3", "88"),
        (ABOUT_DIALOG, "3.5.2", "1203"),
        (ABOUT_NO_KEYWORD, "3.5.2", None),
    ],
)
def test_versions_are_read_from_what_admins_paste(typed, expected, build):
    parsed = parse(typed)
    assert parsed["version"] == expected
    assert parsed["build"] == build


@pytest.mark.parametrize(
    "typed",
    ["Copyright © 2019-2024", "Chromium 120.0.1", "Windows 10.0.19045", "Electron v28", "不知道", "2019-2024"],
)
def test_years_and_components_are_never_the_version(typed):
    assert parse(typed) is None


def test_the_line_read_is_reported():
    assert parse(ABOUT_DIALOG)["read"].startswith("版本号")


@pytest.mark.parametrize(
    ("a", "b", "order"),
    [("1.10", "1.9", 1), ("1.2", "1.2.0", 0), ("1.2.0.1", "1.2", 1), ("2", "10", -1), ("1.2.3", "1.2.3", 0)],
)
def test_versions_compare_as_numbers(a, b, order):
    assert compare(parse_parts(a), parse_parts(b)) == order
    assert compare(parse_parts(b), parse_parts(a)) == -order


def test_parse_parts():
    assert parse_parts("v1.2.x") == [1, 2]
    assert parse_parts("1.2.*") == [1, 2]
    assert parse_parts("１.２") == [1, 2]
    assert parse_parts("1.2a") is None
    assert parse_parts("") is None


@pytest.mark.parametrize(
    ("entry", "typed", "matches"),
    [
        ("1.2.3", "1.2.3", True),
        ("1.2.3", "1.2.3.4567", True),  # a build of that release
        ("1.2.3", "1.2.30", False),
        ("1.2.3", "1.2", False),
        ("1.2", "1.2.9", True),  # a line of releases
        ("1.2.x", "1.2.0.5", True),
        ("1.2", "1.3", False),
        ("1.2.0", "1.2", True),  # 1.2 is 1.2.0
    ],
)
def test_defect_entries_name_a_release_or_a_line(entry, typed, matches):
    assert defect_matches(parse_parts(entry), parse_parts(typed)) is matches


def by_id(result: dict) -> dict:
    return {f["id"]: f for f in result["findings"]}


def test_older_than_the_minimum_fails(settings):
    settings["client"]["min_version"] = "3.10"
    settings["client"]["known_defects"] = []  # an overlay may list some
    result = check(ABOUT_DIALOG, "desktop", settings)
    assert result["version"] == "3.5.2" and result["parts"] == [3, 5, 2] and result["build"] == "1203"
    found = by_id(result)["client-version"]
    assert found["status"] == "fail" and found["step"] == "client-update" and found["scope"] == "team"
    assert "读到的是桌面客户端 3.5.2" in found["message"]["zh"] and "3.10" in found["message"]["zh"]
    assert "desktop client 3.5.2, older than the minimum, 3.10" in found["message"]["en"]
    assert found["data"]["minimum"] == "3.10"
    assert "client-version-defect" not in by_id(result)  # no defects are listed


@pytest.mark.parametrize("typed", ["3.10", "3.10.0", "v3.10.1 (build 2)", "4"])
def test_at_or_above_the_minimum_is_ok(settings, typed):
    settings["client"]["min_version"] = "3.10"
    assert by_id(check(typed, "desktop", settings))["client-version"]["status"] == "ok"


def test_no_minimum_known_says_so(settings):
    settings["client"]["min_version"] = ""
    found = by_id(check("1.2.3", "desktop", settings))["client-version"]
    assert found["status"] == "unknown"
    assert (
        found["message"]["en"]
        == "Version read: desktop client 1.2.3. This help site has no minimum client version set."
    )
    assert found["message"]["zh"] == "读到的是桌面客户端 1.2.3。这个帮助网站还没有设置最低客户端版本。"


@pytest.mark.parametrize("platform", ["mobile", "web"])
def test_no_minimum_at_all_is_not_worded_as_a_desktop_one(settings, platform):
    settings["client"]["min_version"] = ""
    found = by_id(check("1.2.3", platform, settings))["client-version"]
    assert found["status"] == "unknown" and found["data"]["minimum"] is None
    assert "has no minimum client version set" in found["message"]["en"]
    assert "desktop" not in found["message"]["en"] and "桌面" not in found["message"]["zh"]


@pytest.mark.parametrize("platform", ["mobile", "web", " Web "])
def test_the_minimum_is_for_the_desktop_client_only(settings, platform):
    settings["client"]["min_version"] = "9.0"
    settings["client"]["known_defects"] = [{"version": "1.2", "note": {"zh": "不推送", "en": "No push"}}]
    result = check("1.2.3", platform, settings)
    assert result["platform"] == platform.strip().lower()
    found = by_id(result)
    assert found["client-version"]["status"] == "unknown"
    label = {"mobile": ("手机 App ", "mobile app"), "web": ("网页版工作台", "web workstation")}[result["platform"]]
    assert found["client-version"]["message"]["en"].endswith(
        f"This help site sets a minimum version for the desktop client only, none for the {label[1]}."
    )
    assert found["client-version"]["message"]["zh"].endswith(
        f"这个帮助网站只设置了桌面客户端的最低版本，没有设置{label[0]}的最低版本。"
    )
    assert "client-version-defect" not in found  # that defect is the desktop client's


def test_a_defect_entry_can_name_its_platform(settings):
    settings["client"]["known_defects"] = [
        {"version": "1.2", "note": {"zh": "不推送", "en": "No push"}, "platform": "mobile"}
    ]
    assert by_id(check("1.2.3", "mobile", settings))["client-version-defect"]["status"] == "fail"
    assert "client-version-defect" not in by_id(check("1.2.3", "desktop", settings))


def test_an_unreadable_minimum_is_the_sites_problem(settings):
    settings["client"]["min_version"] = "latest"
    found = by_id(check("1.2.3", "desktop", settings))["client-version"]
    assert found["status"] == "unknown" and found["scope"] == "settings"
    assert "min_version" in found["fix"]["en"] and "“latest”" in found["message"]["zh"]


def test_a_known_defect_fails_with_its_note_in_both_languages(settings):
    settings["client"]["min_version"] = "1.0"
    settings["client"]["known_defects"] = [
        {"version": "1.2.3", "note": {"zh": "新会话不推送", "en": "New chats are not pushed"}},
        {"version": "1.2", "note": {"zh": "断线后不重连", "en": "Does not reconnect"}},
        {"version": "2.0", "note": {"zh": "无关", "en": "Unrelated"}},
        {"version": "bad", "note": {"zh": "坏", "en": "Bad"}},
    ]
    result = check("Version 1.2.3.4567", "desktop", settings)
    found = by_id(result)
    assert found["client-version"]["status"] == "ok"
    defect = found["client-version-defect"]
    assert defect["status"] == "fail" and defect["step"] == "client-changelog"
    assert "有已知缺陷：新会话不推送（1.2.3）；断线后不重连（1.2）。" in defect["message"]["zh"]
    assert (
        "The desktop client 1.2.3.4567 has a known defect: New chats are not pushed (1.2.3); Does not reconnect (1.2)."
        in (defect["message"]["en"])
    )
    assert [d["version"] for d in defect["data"]["defects"]] == ["1.2.3", "1.2"]
    assert defect["data"]["ignored_defects"] == ["bad"]


def test_no_listed_defect_is_ok(settings):
    settings["client"]["known_defects"] = [{"version": "1.2.3", "note": {"zh": "新会话不推送", "en": "No push"}}]
    defect = by_id(check("1.2.30", "desktop", settings))["client-version-defect"]
    assert (
        defect["status"] == "ok"
        and "lists 1 version with a known defect; desktop client 1.2.30 is not" in (defect["message"]["en"])
    )
    assert defect["message"]["zh"] == "这个帮助网站记录了 1 个有已知缺陷的版本，桌面客户端 1.2.30 不在其中。"


def test_unparseable_text_says_what_was_read(settings):
    result = check("Copyright © 2019-2024\nMeiqia", "desktop", settings)
    assert result["version"] is None
    (found,) = result["findings"]
    assert found["id"] == "client-version" and found["status"] == "unknown"
    assert "“Copyright © 2019-2024 Meiqia”" in found["message"]["en"]
    assert "“Copyright © 2019-2024 Meiqia”" in found["message"]["zh"]


def test_long_unparseable_text_is_cut_short(settings):
    result = check("x" * 500, "desktop", settings)
    assert result["read"] == "x" * 80 + "…"


@pytest.mark.parametrize("platform", ["tablet", None, 3, ""])
def test_a_bad_platform_is_named(settings, platform):
    result = check("1.2.3", platform, settings)
    (found,) = result["findings"]
    assert found["id"] == "client-version-input" and found["status"] == "unknown"
    assert found["message"]["en"].startswith("Platform: must be desktop, mobile or web")
    assert found["message"]["zh"].startswith("“平台”：")
    assert result["version"] is None


@pytest.mark.parametrize("typed", ["", "   ", None, 12])
def test_no_version_entered_is_named(settings, typed):
    found = by_id(check(typed, "desktop", settings))["client-version-input"]
    assert found["data"]["field"] == "text"
    assert found["message"]["en"] == "Client version: nothing was entered."
    assert found["message"]["zh"] == "“客户端版本”：没有填写版本号。"


def test_input_errors_name_the_fields_as_the_form_labels_them():
    strings = tomllib.loads((Path(__file__).resolve().parents[2] / "strings.toml").read_text(encoding="utf-8"))
    assert version.FIELD_LABELS["text"] == strings["admin"]["version_title"]
    assert version.FIELD_LABELS["platform"] == strings["admin"]["platform"]


def test_both_inputs_wrong_gives_both(settings):
    result = check("", "phone", settings)
    assert [f["data"]["field"] for f in result["findings"]] == ["platform", "text"]


SAMPLES = [
    ("3.5.2", "desktop", "3.10", []),
    ("3.10", "desktop", "3.10", [{"version": "3.10", "note": {"zh": "不推送", "en": "No push"}}]),
    ("3.10", "desktop", "3.10", [{"version": "3.9", "note": {"zh": "不推送", "en": "No push"}}]),
    ("1.2", "desktop", "", []),
    ("1.2", "web", "", []),
    ("1.2", "desktop", "latest", []),
    ("nothing here", "desktop", "", []),
    ("", "tablet", "", []),
]


@pytest.mark.parametrize(("typed", "platform", "minimum", "defects"), SAMPLES)
def test_results_are_json_and_worded_for_each_language(settings, typed, platform, minimum, defects):
    settings["client"]["min_version"] = minimum
    settings["client"]["known_defects"] = defects
    result = check(typed, platform, settings)
    assert json.loads(json.dumps(result, allow_nan=False)) == result
    for f in result["findings"]:
        assert f["check"] == version.CHECK
        for key in ("title", "message", "fix"):
            zh, en = f[key]["zh"], f[key]["en"]
            assert not HALF_WIDTH_NEXT_TO_CJK.search(zh), (f["id"], key, zh)
            assert not UNSPACED_LATIN.search(zh), (f["id"], key, zh)
            assert not SPACE_BY_FULL_WIDTH.search(zh), (f["id"], key, zh)
            assert not CJK.search(en), (f["id"], key, en)
            if zh and key != "title":
                assert zh[-1] in "。）”", (f["id"], key, zh)
        if f["status"] != "ok":
            assert f["fix"]["zh"] and f["fix"]["en"]
