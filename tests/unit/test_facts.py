"""Reading facts defensively: a value of the wrong type is "not collected", never coerced."""

from __future__ import annotations

import pytest

from checks.facts import choice, flag, mapping, notification_permission, number, records, string


@pytest.mark.parametrize("value", ["yes", "true", "false", "", 1, 0, 1.0, [], {}, None, [True]])
def test_flag_is_none_for_anything_but_a_boolean(value):
    # A regression once turned any non-null value into a bool: "false" became True.
    assert flag({"k": value}, "k") is None


@pytest.mark.parametrize("value", [True, False])
def test_flag_keeps_booleans(value):
    assert flag({"k": value}, "k") is value
    assert flag({}, "k") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [(3, 3.0), (2.5, 2.5), (0, 0.0), (True, None), (False, None), ("3", None), (float("nan"), None)],
)
def test_number(value, expected):
    assert number({"k": value}, "k") == expected


def test_number_refuses_infinity():
    assert number({"k": float("inf")}, "k") is None and number({"k": float("-inf")}, "k") is None


def test_choice_string_mapping_records():
    assert choice({"k": "a"}, "k", ("a", "b")) == "a" and choice({"k": "c"}, "k", ("a", "b")) is None
    assert choice({"k": None}, "k", ("a",)) is None
    assert string({"k": "  x "}, "k") == "x" and string({"k": "  "}, "k") is None and string({"k": 1}, "k") is None
    assert mapping({"k": {"a": 1}}, "k") == {"a": 1} and mapping({"k": [1]}, "k") is None
    assert records({"k": [{"a": 1}, 2, "x", None]}, "k") == [{"a": 1}] and records({"k": {}}, "k") is None


@pytest.mark.parametrize(
    ("permission", "query", "expected"),
    [
        ("granted", "granted", "granted"),
        ("granted", None, "granted"),
        (None, "granted", "granted"),
        ("default", "prompt", "default"),
        (None, "prompt", "default"),
        ("granted", "denied", "denied"),  # when they disagree, the stricter wins
        ("denied", "granted", "denied"),
        ("default", "granted", "default"),
        (None, None, None),
        ("yes", "maybe", None),
    ],
)
def test_notification_permission(permission, query, expected):
    assert notification_permission({"permission": permission, "permission_query": query}) == expected
