"""Masking personal data and secrets in the free text of a support request.

mask(text, lang) -> (masked text, kinds found). Kinds: "phone", "email", "token", "key".
What is masked, and how it reads afterwards:
- phone numbers: mainland mobiles (1[3-9] and 9 more digits, with spaces or dashes, with or
  without +86 / 0086), mainland landlines with an area code and a separator (010-12345678),
  and international numbers written with a leading + (+49 30 1234567): the digits in the
  middle become *, so 13812345678 reads 138****5678 and support still sees it was a phone;
- e-mail addresses: a***@example.com (the domain stays: it says which company);
- tokens: bearer and basic credentials, JWTs, and the value of password/secret/token/key
  fields (password=..., 密码：...): [token removed];
- keys: sk-/pk-/rk- style keys, GitHub, Slack, AWS and Google key formats, long hex (≥ 32)
  and long base64 (≥ 32, upper and lower case and digits): [key removed].
Never masked: version numbers (1.2.3, 10.0.19045), order ids, dates and times, IP
addresses, this site's step ids and URLs. An 11-digit number that starts with 13 to 19 is
a mainland mobile number as far as anyone can tell, so it is masked even if it was an id.

Inside URLs the long hex/base64 rules do not apply (paths and file names would match them);
secrets in a query string are caught by the field rule (?token=...).
"""

from __future__ import annotations

import re

KINDS = ("phone", "email", "token", "key")
MARKERS = {
    "token": {"zh": "[已隐去令牌]", "en": "[token removed]"},
    "key": {"zh": "[已隐去密钥]", "en": "[key removed]"},
}

# No letter, digit, underscore, dot, plus or dash just before: the number is not part of a longer token.
_NOT_AFTER = r"(?<![0-9A-Za-z_.+\-])"
_NOT_BEFORE_DIGIT = r"(?![0-9A-Za-z_])"
_URL = re.compile(r"(?:https?|wss?|ftp)://[^\s<>\"'，。；）]+|www\.[^\s<>\"'，。；）]+", re.IGNORECASE)
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9_.+\-])([A-Za-z0-9][A-Za-z0-9._%+\-]*)@([A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,})"
)
_MOBILE = re.compile(
    _NOT_AFTER + r"(?:(?:\+|00)\s?86[ \-]?|\(\+?86\)\s?)?1[3-9]\d[ \-]?\d{4}[ \-]?\d{4}" + _NOT_BEFORE_DIGIT
)
_LANDLINE = re.compile(
    _NOT_AFTER + r"(?:(?:\+|00)\s?86[ \-]?(?:\(0?\)|0)?[1-9]\d{1,2}|\(0[1-9]\d{1,2}\)|0[1-9]\d{1,2})[ \-]\d{7,8}"
    r"(?:-\d{1,4})?" + _NOT_BEFORE_DIGIT
)
_INTERNATIONAL = re.compile(
    r"(?<![0-9A-Za-z_+])(?:\+\s?|00(?=[1-9]\d{0,2}[ \-]))\(?[1-9]\d{0,3}\)?(?:[ \-.]?\(?\d{1,5}\)?){1,6}"
    + _NOT_BEFORE_DIGIT
)
_AUTH_HEADER = re.compile(
    r"(?i)(\bauthorization\s*[:=]\s*)((?:bearer|basic|token|digest)\s+)?(?!\[|(?:bearer|basic|token|digest)\s)[^\s,;\"']+",
)
_BEARER = re.compile(r"(?i)(\b(?:bearer|basic)\s+)[A-Za-z0-9\-._~+/]{12,}=*")
_JWT = re.compile(r"\beyJ[A-Za-z0-9_\-]{5,}\.eyJ[A-Za-z0-9_\-]{5,}\.[A-Za-z0-9_\-]*")
_FIELD = re.compile(
    r"(?i)((?<![A-Za-z0-9])(?:[A-Za-z_\-]*(?:password|passwd|pwd|secret|token|api[_\-]?key|access[_\-]?key|"
    r"private[_\-]?key|auth[_\-]?key)|密码|口令|令牌|密钥|验证码|授权码)\s*[:=：]\s*)"
    r"(?!\[)(\"[^\"]*\"|'[^']*'|[^\s,;&\"'，。；）)]+)"
)
_PREFIXED_KEY = re.compile(
    r"(?<![A-Za-z0-9])(?:(?:sk|pk|rk)[\-_](?:live[\-_]|test[\-_]|proj[\-_]|ant[\-_])?[A-Za-z0-9_\-]{16,}"
    r"|gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|xox[abprs]-[A-Za-z0-9\-]{10,}"
    r"|AKIA[0-9A-Z]{16}|AIza[0-9A-Za-z_\-]{30,})"
)
_HEX = re.compile(r"(?<![0-9A-Za-z])[0-9a-fA-F]{32,}(?![0-9A-Za-z])")
_BASE64 = re.compile(r"(?<![0-9A-Za-z+/_\-])[A-Za-z0-9+/_\-]{32,}={0,2}(?![0-9A-Za-z+/_\-=])")


def _digits_masked(number: str, keep_first: int, keep_last: int) -> str:
    """The number as written, with every digit but the first and last few replaced by *."""
    total = sum(ch.isdigit() for ch in number)
    out, seen = [], 0
    for ch in number:
        if ch.isdigit():
            seen += 1
            out.append(ch if seen <= keep_first or seen > total - keep_last else "*")
        else:
            out.append(ch)
    return "".join(out)


def _prefix_digits(number: str) -> int:
    """How many digits a +86 / 0086 / (86) prefix takes."""
    match = re.match(r"\s*(?:\(?\+?\s?86\)?|0086)", number)
    return sum(ch.isdigit() for ch in match.group(0)) if match and len(re.sub(r"\D", "", number)) > 11 else 0


def _mobile(match: re.Match) -> str:
    number = match.group(0)
    return _digits_masked(number, _prefix_digits(number) + 3, 4)


def _landline(match: re.Match) -> str:
    number = match.group(0)
    area = re.match(r"[^ \-]*?\d+\)?", number)
    kept = sum(ch.isdigit() for ch in area.group(0)) if area else 0
    return _digits_masked(number, kept, 2)


def _international(match: re.Match) -> str | None:
    number = match.group(0)
    lead = 0 if number.startswith("+") else 2  # the 00 that stands for +
    digits = sum(ch.isdigit() for ch in number) - lead
    if not 8 <= digits <= 15:  # E.164: at most 15 digits; fewer than 8 is no phone number
        return None
    country = re.match(r"(?:\+\s?|00)\(?(\d+)", number).group(1)
    return _digits_masked(number, lead + min(len(country), 3), 3)


def _email(match: re.Match) -> str:
    return f"{match.group(1)[0]}***@{match.group(2)}"


def _base64_secret(value: str) -> bool:
    """Long, and mixes upper case, lower case and digits; a path's segments are not one secret."""
    core = value.rstrip("=")
    longest = max(core.split("/"), key=len)
    return (
        len(longest) >= 24
        and any(c.isupper() for c in longest)
        and any(c.islower() for c in longest)
        and any(c.isdigit() for c in longest)
    )


class _Masker:
    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in ("zh", "en") else "en"
        self.found: set[str] = set()

    def marker(self, kind: str) -> str:
        self.found.add(kind)
        return MARKERS[kind][self.lang]

    def sub(self, pattern: re.Pattern, kind: str, replace, text: str) -> str:
        def one(match: re.Match) -> str:
            out = replace(match)
            if out is None:
                return match.group(0)
            self.found.add(kind)
            return out

        return pattern.sub(one, text)

    def everywhere(self, text: str) -> str:
        """The rules that also apply inside URLs."""
        text = self.sub(_AUTH_HEADER, "token", lambda m: m.group(1) + (m.group(2) or "") + self.marker("token"), text)
        text = self.sub(_BEARER, "token", lambda m: m.group(1) + self.marker("token"), text)
        text = self.sub(_JWT, "token", lambda m: self.marker("token"), text)
        text = self.sub(_FIELD, "token", lambda m: m.group(1) + self.marker("token"), text)
        text = self.sub(_PREFIXED_KEY, "key", lambda m: self.marker("key"), text)
        text = self.sub(_EMAIL, "email", _email, text)
        text = self.sub(_MOBILE, "phone", _mobile, text)
        text = self.sub(_LANDLINE, "phone", _landline, text)
        return self.sub(_INTERNATIONAL, "phone", _international, text)

    def outside_urls(self, text: str) -> str:
        text = self.sub(_HEX, "key", lambda m: self.marker("key"), text)
        return self.sub(_BASE64, "key", lambda m: self.marker("key") if _base64_secret(m.group(0)) else None, text)

    def run(self, text: str) -> str:
        out, last = [], 0
        for url in _URL.finditer(text):
            out.append(self.outside_urls(self.everywhere(text[last : url.start()])))
            out.append(self.everywhere(url.group(0)))
            last = url.end()
        out.append(self.outside_urls(self.everywhere(text[last:])))
        return "".join(out)


def mask(text: str, lang: str = "en") -> tuple[str, list[str]]:
    """The text with phone numbers, e-mail addresses, tokens and keys masked, and the kinds found (in KINDS order)."""
    masker = _Masker(lang)
    masked = masker.run(text)
    return masked, [kind for kind in KINDS if kind in masker.found]
