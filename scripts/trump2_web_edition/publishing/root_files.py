"""GitHub Pages root files that mike does not write: the 404 page served for every missing URL."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

# GitHub Pages serves one file, <site root>/404.html, for a missing URL anywhere on a
# project page; mike only writes inside version folders (and index.html, versions.json).
# This page finds the version and language in the missing URL and shows that version's
# own 404 page in that language (built by hooks/material_fixes.py as
# <version>/404.html and <version>/en/404.html, with absolute asset links), in place:
# the address bar keeps the URL the reader asked for, and the status stays 404.
_PAGE = """<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>404 - 页面不存在 / Page not found</title>
<script>
(function () {
  var root = %(root)s, locales = %(locales)s;
  var path = location.pathname;
  var rest = path.indexOf(root) === 0 ? path.slice(root.length).split("/") : [];
  var version = rest[0] || "latest";
  var locale = locales.indexOf(rest[1]) >= 0 ? rest[1] + "/" : "";
  function show(url) {
    var page = new URL(url, location).href;
    return fetch(page).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.text();
    }).then(function (html) {
      // The page is shown at the missing URL: its relative links and Material's
      // config.base (resolved against the location) are pinned to where it lives.
      var doc = new DOMParser().parseFromString(html, "text/html");
      var base = doc.createElement("base");
      base.setAttribute("href", page);
      doc.head.insertBefore(base, doc.head.firstChild);
      var config = doc.getElementById("__config");
      if (config) {
        var data = JSON.parse(config.textContent);
        data.base = new URL(data.base, page).href;
        config.textContent = JSON.stringify(data);
      }
      document.open();
      document.write("<!DOCTYPE html>" + doc.documentElement.outerHTML);
      document.close();
    });
  }
  // An unknown version (or one without the language) falls back to latest.
  show(root + version + "/" + locale + "404.html").catch(function () {
    return show(root + "latest/" + locale + "404.html");
  }).catch(function () {});
})();
</script>
</head>
<body>
<h1>404</h1>
<p lang="zh">页面不存在。<a href="%(home)s">返回首页</a></p>
<p lang="en">Page not found. <a href="%(home)s">Go to the home page</a></p>
</body>
</html>
"""


def site_root_path(site_url: str) -> str:
    """The path of the published site ('/REPO/' for https://OWNER.github.io/REPO/)."""
    path = urlsplit(site_url).path or "/"
    return path if path.endswith("/") else path + "/"


def root_404_html(site_url: str, locales: list[str]) -> str:
    """The root 404 page for a site published at ``site_url`` with non-default ``locales``."""
    root = site_root_path(site_url)
    return _PAGE % {"root": json.dumps(root), "locales": json.dumps(locales), "home": root}


def publish_root_404(html: str, *, branch: str = "gh-pages", message: str | None = None) -> bool:
    """Commit ``html`` as 404.html at the root of ``branch`` (with mike's git helpers, run
    in the current repository); return False, writing nothing, when it is already there."""
    from mike import git_utils

    try:
        current = git_utils.read_file(branch, "404.html")
    except git_utils.GitError:
        current = None
    data = html.encode("utf-8")
    if current == data:
        return False
    with git_utils.Commit(branch, message or "Root 404 page for every version and language") as commit:
        commit.add_file(git_utils.FileInfo("404.html", data))
    return True
