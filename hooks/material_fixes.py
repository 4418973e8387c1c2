"""MkDocs hook: what only an MkDocs + Material + mkdocs-static-i18n build needs (over edition.builders).

* ``on_post_page``: two attributes of Material's markup that the Nu HTML Checker rejects, and
  an accessible name for its search dialog (axe-core).
* 404: mkdocs-static-i18n builds every language into the same ``site_dir``, so the last
  language's 404.html (English) overwrote the default one. The English 404 is written to
  ``en/404.html`` instead, both with page-relative links (so they also work inside a mike
  version directory) and a language switcher that goes to the home pages.

Everything a reader or a crawler gets from the text itself (note numbers, paragraph links,
head metadata) comes from the converter and ``trump2_web_edition.markdown_ext``, in any builder.
"""

from __future__ import annotations

import os

from mkdocs.plugins import event_priority
from trump2_web_edition.edition.builders.mkdocs_material import conform, name_search_dialog


def _i18n(config):
    return config.plugins.get("i18n")


def _language(config) -> str:
    plugin = _i18n(config)
    if plugin is not None and getattr(plugin, "current_language", None):
        return plugin.current_language
    return config.theme.get("language", "zh")


def _is_default_language(config) -> bool:
    plugin = _i18n(config)
    return plugin is None or plugin.current_language == plugin.default_language


def on_post_page(output: str, page, config) -> str:
    return conform(name_search_dialog(output, _language(config)))


# --- 404 per language -----------------------------------------------------------------


def on_template_context(context, template_name, config):
    if template_name != "404.html":
        return context
    # Page-relative links: the Chinese 404 is /404.html, the English one /en/404.html.
    context["base_url"] = "." if _is_default_language(config) else ".."
    plugin = _i18n(config)
    if plugin is not None:
        alternates = []
        for language in plugin.config.languages:
            if not language.build or language.locale == "null":
                continue
            link = "." if language.default else language.link.strip("/") + "/"
            alternates.append({"name": language.name, "link": link, "lang": language.locale})
        # The plugin leaves the last rendered page's links here; the 404 page goes home.
        config.extra.alternate = alternates
    return context


@event_priority(-100)
def on_post_template(output, template_name, config):
    if template_name != "404.html":
        return output
    output = conform(name_search_dialog(output, _language(config)))
    if _is_default_language(config):
        return output
    plugin = _i18n(config)
    target = os.path.join(config.site_dir, plugin.current_language, "404.html")
    os.makedirs(os.path.dirname(target), exist_ok=True)
    with open(target, "w", encoding="utf-8") as f:
        f.write(output)
    # Nothing for MkDocs to write: the root 404.html stays the default language's.
    return ""
