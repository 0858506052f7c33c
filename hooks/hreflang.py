"""hreflang links absolute, under site_url (a settings.toml key; hooks/settings_schema.py puts
it into MkDocs' config), as search engines and Lighthouse require."""

from __future__ import annotations

import html
import json
import re
from urllib.parse import urljoin

_ALTERNATE = re.compile(r'(<link rel="alternate" href=")([^"]+)(" hreflang="[^"]+">)')

# The theme fetches sitemap.xml from the origin of every hreflang link (its language switch
# keeps the reader on the same page). Served from another origin than site_url (a deployment
# that forgot to set it, a test server on a free port), that fetch would leave the site, and the
# CSP refuses it with a console error on every page; the links are pointed at the origin actually
# serving the page before the theme reads them (DOMContentLoaded). `__md_scope` is the theme's
# own site root as served. The same code on every page: one hash in the CSP.
_REBASE = (
    "<script>(()=>{{const s={site},r=String(__md_scope);if(r!==s)"
    'for(const l of document.querySelectorAll("link[rel=alternate][hreflang]"))'
    "l.href.startsWith(s)&&(l.href=r+l.href.slice(s.length))}})()</script>\n"
)


def absolute_alternates(output: str, page_url: str, site_url: str) -> str:
    """hreflang links resolved against the page's own address under site_url, plus the script
    that points them at the serving origin when the site is served elsewhere."""
    base = urljoin(site_url, page_url)
    output, count = _ALTERNATE.subn(
        lambda m: m.group(1) + html.escape(urljoin(base, html.unescape(m.group(2)))) + m.group(3), output
    )
    if not count:
        return output
    return output.replace("</head>", _REBASE.format(site=json.dumps(site_url).replace("<", "\\u003c")) + "</head>", 1)


def on_post_page(output: str, page, config, **_):
    if not config.site_url:
        return output
    return absolute_alternates(output, page.url, config.site_url)
