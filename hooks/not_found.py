"""The 404 page (overrides/404.html), in both languages.

One file for both languages: each language's build renders it, the last one wins, so the
template takes everything in both languages from here rather than from the build's language."""

from __future__ import annotations

import re


def _not_found_texts(config) -> dict:
    from hooks import guide_data

    i18n = config.plugins.get("i18n")
    default_name = i18n.original_configs.get("site_name", config.site_name) if i18n else config.site_name
    names = {lang.locale: lang.site_name or default_name for lang in (i18n.config.languages if i18n else [])}

    strings, settings = guide_data.strings(), guide_data.settings()
    from hooks.triage import CHOOSER_ID as chooser  # the home page's "What do you see?" chooser

    out = {}
    for lang in guide_data.LANGS:
        t = guide_data.localize(strings, lang)
        product = guide_data.localize(settings, lang)["product_name"]
        out[lang] = {
            **t["not_found"],
            "home_page": "index.html" if lang == "zh" else f"{lang}/index.html",
            "chooser": chooser,
            "site_name": names.get(lang, default_name),
            "disclaimer": t["furniture"]["disclaimer"].replace("{product}", product),
        }
    return out


def on_template_context(context, template_name, config, **_):
    if template_name == "404.html":
        context["not_found"] = _not_found_texts(config)
    return context


_DRAWER_BUTTON = re.compile(r'\s*<label class="md-header__button md-icon" for="__drawer">.*?</label>', re.S)


def on_post_template(output, template_name, config, **_):
    """The 404 page is Chinese first (its English part says lang="en"), and has no navigation
    drawer: its links lead to both home pages instead of one language's navigation."""
    if template_name != "404.html":
        return output
    output = re.sub(r'<html lang="[^"]*"', '<html lang="zh"', output, count=1)
    # Words the template cannot reach (outside the theme's blocks, or wrapped in white space).
    for both in _NOT_FOUND_WORDS:
        for word in both.split(" / "):
            output = re.sub(rf">(\s*){re.escape(word)}(\s*)<", rf">\g<1>{both}\g<2><", output)
    return _DRAWER_BUTTON.sub("", output, count=1)


_NOT_FOUND_WORDS = ("回到页面顶部 / Back to top", "正在初始化搜索引擎 / Initializing search")
