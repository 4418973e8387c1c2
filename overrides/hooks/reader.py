"""MkDocs hook: the reader's side of the edition - paragraph permalinks, "report an error",
machine-readable metadata in <head>, and a 404 page per language.

* ``on_page_content``: every paragraph with an article id (``s2-p3``, ``abstract-p1``...)
  gets a ``¶`` permalink (Material's ``headerlink``, as the headings have) and a
  "report an error" link: a prefilled new-issue form of ``extra.repository`` carrying the
  paragraph id, the language and the edition. ``repo_url`` stays unset on purpose: with a
  GitHub repo_url Material's JS fetches api.github.com on every page load.
* ``on_post_page``: Open Graph on every page; on the home pages also Google Scholar's
  ``citation_*`` tags and a schema.org ``ScholarlyArticle`` (JSON-LD). Facts come from
  ``docs/assets/citation.json``, which scripts/convert.py writes from the document and
  source/metadata.yml; an unknown fact is left out, never guessed.
* 404: mkdocs-static-i18n builds every language into the same ``site_dir``, so the last
  language's 404.html (English) overwrote the default one. The English 404 is written to
  ``en/404.html`` instead, both with page-relative links (so they also work inside a mike
  version directory) and a language switcher that goes to the home pages.
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
from urllib.parse import quote, urljoin

from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.reader")

CITATION_JSON = "assets/citation.json"
_PARAGRAPH = re.compile(r'<p id="(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*?-p\d+)">(?P<body>.*?)</p>', re.DOTALL)
_OG_LOCALE = {"zh": "zh_CN", "en": "en_US"}
_WORDS = {
    "zh": {
        "permalink": "本段的永久链接",
        "report": "纠错",
        "report_title": "报告本段的错误（在 GitHub 上新建议题）",
        "issue_title": "[纠错] {id}（中文版 {edition}）",
        "issue_body": "页面：{url}\n段落：{id}\n语言：zh\n版本：{edition}\n\n"
        "请说明错误：原文写的是什么，应当是什么。\n",
    },
    "en": {
        "permalink": "Permanent link to this paragraph",
        "report": "Report",
        "report_title": "Report an error in this paragraph (opens a new GitHub issue)",
        "issue_title": "[Erratum] {id} (English, edition {edition})",
        "issue_body": "Page: {url}\nParagraph: {id}\nLanguage: en\nEdition: {edition}\n\n"
        "What is wrong: what the text says, and what it should say.\n",
    },
}

_article: dict = {}


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


def on_config(config):
    global _article
    path = os.path.join(config.docs_dir, CITATION_JSON)
    try:
        with open(path, encoding="utf-8") as f:
            _article = json.load(f)
    except FileNotFoundError:
        log.info(f"{path} is missing (run scripts/convert.py): no article metadata in <head>")
        _article = {}
    return config


def _edition() -> str:
    return str(_article.get("version", ""))


def _page_url(config, page) -> str:
    """Absolute URL of the page when site_url is known, else its site-relative URL."""
    return urljoin(config.site_url, page.url) if config.site_url else "/" + page.url


def paragraph_links(html_text: str, lang: str, repository: str, page_url: str, edition: str) -> str:
    """Add a permalink and (when ``repository`` is set) a report link to each article paragraph."""
    words = _WORDS.get(lang, _WORDS["en"])

    def add(m: re.Match) -> str:
        pid = m["id"]
        links = (
            f'<a class="headerlink" href="#{pid}" title="{words["permalink"]}" aria-label="{words["permalink"]}">¶</a>'
        )
        if repository:
            fields = {"id": pid, "edition": edition or "?", "url": f"{page_url}#{pid}"}
            title = quote(words["issue_title"].format(**fields))
            body = quote(words["issue_body"].format(**fields))
            href = html.escape(f"{repository.rstrip('/')}/issues/new?title={title}&body={body}")
            links += (
                f' <a class="edition-report" href="{href}" title="{words["report_title"]}" '
                f'rel="nofollow noopener" data-lang="{lang}" data-edition="{html.escape(edition)}">'
                f"{words['report']}</a>"
            )
        return f'<p id="{pid}">{m["body"]}<span class="edition-para-links" data-search-exclude>{links}</span></p>'

    return _PARAGRAPH.sub(add, html_text)


def on_page_content(html_text: str, page, config, files) -> str:
    repository = str(config.extra.get("repository", "") or "")
    return paragraph_links(html_text, _language(config), repository, _page_url(config, page), _edition())


def _meta(name: str, content: str, attr: str = "name") -> str:
    return f'<meta {attr}="{name}" content="{html.escape(content)}">'


def head_tags(article: dict, lang: str, title: str, url: str | None, is_home: bool, site_name: str) -> list[str]:
    """Open Graph tags, plus citation_* and JSON-LD on a home page; unknown facts are left out."""
    english = article.get("edition-en", {})
    tags = [
        _meta("og:type", "article" if is_home else "website", "property"),
        _meta("og:title", title, "property"),
        _meta("og:site_name", site_name, "property"),
        _meta("og:locale", _OG_LOCALE.get(lang, lang), "property"),
    ]
    tags += [_meta("og:locale:alternate", v, "property") for k, v in _OG_LOCALE.items() if k != lang]
    abstract = english.get("abstract") if lang == "en" else article.get("abstract")
    if abstract:
        tags.append(_meta("og:description", abstract, "property"))
    if url:
        tags.append(_meta("og:url", url, "property"))
    if not is_home or not article:
        return tags
    author = article["author"][0]["literal"]
    tags += [
        _meta("citation_title", article["title"]),
        _meta("citation_author", author),
        _meta("citation_language", "zh"),
        _meta("citation_abstract", article.get("abstract", "")),
    ]
    year = article.get("issued", {}).get("date-parts", [[None]])[0][0]
    if year:
        tags.append(_meta("citation_publication_date", str(year)))
    for key, name in (
        ("container-title", "citation_journal_title"),
        ("volume", "citation_volume"),
        ("issue", "citation_issue"),
        ("DOI", "citation_doi"),
        ("ISSN", "citation_issn"),
        ("publisher", "citation_publisher"),
    ):
        if article.get(key):
            tags.append(_meta(name, article[key]))
    pages = article.get("page", "")
    if pages:
        first, _, last = pages.partition("-")
        tags.append(_meta("citation_firstpage", first.strip()))
        if last.strip():
            tags.append(_meta("citation_lastpage", last.strip()))
    keywords = article.get("keyword") or "; ".join(english.get("keywords", []))
    if keywords:
        tags.append(_meta("citation_keywords", keywords))
    if url:
        tags.append(_meta("citation_fulltext_html_url", url))
    data = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": article["title"],
        "name": article["title"],
        "alternativeHeadline": english.get("title"),
        "author": {
            "@type": "Person",
            "name": author,
            "alternateName": " ".join(filter(None, (english.get("author", {}).get(k) for k in ("family", "given")))),
        },
        "inLanguage": "zh",
        "abstract": article.get("abstract"),
        "keywords": english.get("keywords") or None,
        "datePublished": str(year) if year else None,
        "isPartOf": {"@type": "Periodical", "name": article["container-title"]}
        if article.get("container-title")
        else None,
        "identifier": f"https://doi.org/{article['DOI']}" if article.get("DOI") else None,
        "license": article.get("license"),
        "version": article.get("version"),
        "url": url,
    }
    data = {k: v for k, v in data.items() if v}
    payload = json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
    tags.append(f'<script type="application/ld+json">{payload}</script>')
    return tags


def hreflang_links(config, page) -> list[str]:
    """``<link rel=" alternate" hreflang>`` to this page in every language, and x-default.

    The leading space keeps Material's JS (which selects ``link[rel=alternate]`` exactly and
    fetches ``<href>/sitemap.xml`` for each, see i18n_site.py) away from them, while rel
    stays the token list "alternate" that search engines read. Absolute when site_url is
    known, else relative to the page.
    """
    from mkdocs.utils import get_relative_url

    alternates = getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []
    links = []
    for alt in alternates:
        target = alt.get("link", "")
        if not target or target.startswith(("/", "http:", "https:")):
            continue
        target = "" if target == "." else target
        href = urljoin(config.site_url, target) if config.site_url else get_relative_url(target or ".", page.url)
        links.append((alt.get("lang", ""), href))
    tags = [f'<link rel=" alternate" hreflang="{lang}" href="{html.escape(href)}">' for lang, href in links]
    if links:
        tags.append(f'<link rel=" alternate" hreflang="x-default" href="{html.escape(links[0][1])}">')
    return tags


def on_post_page(output: str, page, config) -> str:
    lang = _language(config)
    is_home = page.file.src_uri in ("index.md", "index.en.md") or page.url in ("", "en/")
    url = urljoin(config.site_url, page.url) if config.site_url else None
    title = page.title or config.site_name
    if not is_home:
        title = f"{title} - {config.site_name}"
    else:
        title = config.site_name
    tags = head_tags(_article, lang, title, url, is_home, config.site_name) + hreflang_links(config, page)
    output = output.replace("</head>", "\n".join(tags) + "\n</head>", 1)
    return conform(name_search_dialog(output, lang))


_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')


def conform(output: str) -> str:
    """Drop the two attributes of Material's markup that the Nu HTML Checker rejects.

    ``autocomplete`` is not allowed on a checkbox (Material's drawer/search toggles) and
    ``autocorrect`` is Safari's own; neither changes what a reader sees.
    """
    output = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", output)
    return output.replace(' autocorrect="off"', "")


def name_search_dialog(output: str, lang: str) -> str:
    """Give Material's search dialog an accessible name (axe-core: aria-dialog-name)."""
    label = "搜索" if lang == "zh" else "Search"
    return output.replace(
        '<div class="md-search" data-md-component="search" role="dialog">',
        f'<div class="md-search" data-md-component="search" role="dialog" aria-label="{label}">',
        1,
    )


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
