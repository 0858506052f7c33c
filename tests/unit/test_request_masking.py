"""Masking in the support request's free text: a table of what must be masked, and of what must not."""

from __future__ import annotations

import pytest

from checks.request.masking import mask
from hooks import guide_data

# (text, masked text, kinds found)
POSITIVE = [
    # Mainland mobiles, bare, spaced, dashed, with +86 / 0086 / (+86), inside Chinese text.
    ("call 13812345678 now", "call 138****5678 now", ["phone"]),
    ("手机13812345678联系我", "手机138****5678联系我", ["phone"]),
    ("138 1234 5678", "138 **** 5678", ["phone"]),
    ("138-1234-5678", "138-****-5678", ["phone"]),
    ("+86 138 1234 5678", "+86 138 **** 5678", ["phone"]),
    ("+8613812345678", "+86138****5678", ["phone"]),
    ("0086 13812345678", "0086 138****5678", ["phone"]),
    ("(+86) 15912345678", "(+86) 159****5678", ["phone"]),
    ("电话：19912345678。", "电话：199****5678。", ["phone"]),
    ("/users/13812345678/chats", "/users/138****5678/chats", ["phone"]),
    # Mainland landlines, with an area code and a separator.
    ("010-12345678", "010-******78", ["phone"]),
    ("0755 1234567", "0755 *****67", ["phone"]),
    ("(021) 87654321", "(021) ******21", ["phone"]),
    ("+86 10 1234 5678", "+86 ** **** *678", ["phone"]),
    # International, with + or 00.
    ("+49 30 1234567", "+49 ** ****567", ["phone"]),
    ("+1 (555) 123-4567", "+1 (***) ***-*567", ["phone"]),
    ("+44 20 7946 0958", "+44 ** **** *958", ["phone"]),
    ("0044 20 7946 0958", "0044 ** **** *958", ["phone"]),
    ("+852 2345 6789", "+852 **** *789", ["phone"]),
    # E-mail addresses, also next to Chinese and as QQ numbers.
    ("mail a.b@example.com please", "mail a***@example.com please", ["email"]),
    ("邮箱a.b@example.com谢谢", "邮箱a***@example.com谢谢", ["email"]),
    ("12345678@qq.com", "1***@qq.com", ["email"]),
    # Tokens.
    ("Authorization: Bearer abcdefghijklmnop123", "Authorization: Bearer [token removed]", ["token"]),
    ("authorization=xyz", "authorization=[token removed]", ["token"]),
    ("curl -H 'Bearer abcdEFGH1234ijkl'", "curl -H 'Bearer [token removed]'", ["token"]),
    (
        "jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U end",
        "jwt [token removed] end",
        ["token"],
    ),
    ("password=hunter2 ok", "password=[token removed] ok", ["token"]),
    ("密码：abc123。", "密码：[token removed]。", ["token"]),
    ("api_key: 'x y z'", "api_key: [token removed]", ["token"]),
    (
        "https://x.example/cb?access_token=abcdef123&a=1",
        "https://x.example/cb?access_token=[token removed]&a=1",
        ["token"],
    ),
    # Keys.
    ("key sk-proj-abcdefghijklmnop1234", "key [key removed]", ["key"]),
    ("ghp_abcdefghijklmnopqrstuvwxyz0123456789", "[key removed]", ["key"]),
    ("AKIAIOSFODNN7EXAMPLE", "[key removed]", ["key"]),
    ("0123456789abcdef0123456789abcdef", "[key removed]", ["key"]),
    ("secret QWxhZGRpbjpvcGVuIHNlc2FtZQQWxhZGRpbjpvcGVu", "secret [key removed]", ["key"]),
    # Several kinds at once, listed in a fixed order.
    ("a@b.cn 13812345678 sk-abcdefghijklmnop1234", "a***@b.cn 138****5678 [key removed]", ["phone", "email", "key"]),
]

NEGATIVE = [
    "version 1.2.3",
    "Windows 10.0.19045",
    "Chrome/120.0.6099.144",
    "client 4.1.3 and 4.2.0",
    "order 202611250001",
    "订单号 202611250001",
    "ticket #2026112500017",
    "2026-11-25",
    "2026/11/25 09:30",
    "20261125",
    "09:30:00",
    "2026-11-25T09:30:00+08:00",
    "UTC+08:00",
    "1767000000000",
    "192.168.1.100",
    "10.0.0.1:8080",
    "fe80::1",
    "400-820-1234",
    "it took 45 minutes, 3 retries",
    "bearer of bad news",
    "Basic checks",
    "net-websocket and ws-permission",
    "550e8400-e29b-41d4-a716-446655440000",
    "https://app.meiqia.com/dashboard/conversations/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789",
    "+1.2.3",
    "tokens: 3",
    "author: Li Lei",
]


@pytest.mark.parametrize(("typed", "masked", "kinds"), POSITIVE)
def test_masks(typed, masked, kinds):
    assert mask(typed, "en") == (masked, kinds)


@pytest.mark.parametrize("typed", NEGATIVE)
def test_does_not_mask(typed):
    assert mask(typed, "en") == (typed, [])


def test_step_ids_and_step_urls_are_never_masked(settings):
    base = settings["site_url"]
    for st in guide_data.steps_source()["steps"]:
        for url in (f"{base}{st['section']}.html#{st['id']}", f"{base}en/{st['section']}.html#{st['id']}"):
            assert mask(f"{st['id']} {url}", "zh") == (f"{st['id']} {url}", [])


def test_markers_are_in_the_output_language():
    assert mask("token=abc", "zh") == ("token=[已隐去令牌]", ["token"])
    assert mask("sk-abcdefghijklmnop1234", "zh") == ("[已隐去密钥]", ["key"])
    assert mask("sk-abcdefghijklmnop1234", "fr") == ("[key removed]", ["key"])  # an unknown language reads English


def test_masked_text_is_masked_again_unchanged():
    for typed, masked, _ in POSITIVE:
        assert mask(masked, "en")[0] == masked, typed
