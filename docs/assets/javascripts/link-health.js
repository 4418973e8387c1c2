/* The References page: each cited URL's latest verdict and verified archived copy, from link-health.json at the
   Pages root (published weekly beside the editions by `publish.py --link-health`). The page as built already
   shows what its build knew, labelled with its date; this replaces it with the newest record: a capture an archive
   confirmed is linked with its date and Robust Links attributes, anything else says why there is none (no address
   is ever guessed). A URL failing several runs in a row shows its verified copy first. Same origin only. */
(function () {
  "use strict";
  var list = document.querySelector("ol.edition-references[data-health]");
  if (!list || !window.fetch) return;
  var words = JSON.parse(list.getAttribute("data-words"));
  var ROBUST = ["data-originalurl", "data-versionurl", "data-versiondate"];

  function day(capture) {  // "2025-03-01", or "1 March 2025" where the page writes months out
    var iso = String(capture.datetime).slice(0, 10);
    if (!words.months) return iso;
    var parts = iso.split("-");
    return Number(parts[2]) + " " + words.months[Number(parts[1]) - 1] + " " + parts[0];
  }

  function robust(element, url, capture) {
    ROBUST.forEach(function (name) { element.removeAttribute(name); });
    if (!capture) return;
    element.setAttribute("data-originalurl", url);
    element.setAttribute("data-versionurl", capture.url);
    element.setAttribute("data-versiondate", String(capture.datetime).slice(0, 10));
  }

  function verified(archive) {  // only what the record says an archive confirmed
    var capture = archive && archive.status === "found" ? archive.capture : null;
    return capture && /^https?:\/\//.test(capture.url) && capture.datetime ? capture : null;
  }

  fetch(list.getAttribute("data-health"), { credentials: "same-origin" })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (health) {
      if (!health || !health.results) return;
      var checked = String(health.checked_at || "").slice(0, 10);
      list.querySelectorAll("p.note-link[data-url]").forEach(function (line) {
        var url = line.getAttribute("data-url");
        var result = health.results[url];
        if (!result) return;
        var status = line.querySelector(".link-status");
        var archive = line.querySelector(".archived-copy");
        if (!status || !archive) return;
        if (result.verdict && checked) {
          var label = words.verdicts[result.verdict] || result.verdict;
          var text = words.checked.replace("{date}", checked).replace("{verdict}", label);
          if (result.failures) text += words.runs.replace("{n}", result.failures);
          status.textContent = text;
          status.setAttribute("data-verdict", result.verdict);
          status.setAttribute("data-checked", checked);
        }
        var dead = (result.failures || 0) >= words.dead_after;
        line.classList.toggle("link-dead", dead);
        if (result.archive) {  // the archives were asked: their newest answer replaces what the build knew
          var capture = verified(result.archive);
          var copy;
          if (capture) {
            copy = document.createElement("a");
            copy.href = capture.url;
            copy.textContent = words[dead ? "dead" : "archived"].replace("{date}", day(capture));
          } else {
            copy = document.createElement("span");
            var state = result.archive.status === "none" ? "none" : "unverified";
            copy.setAttribute("data-archive", state);
            copy.textContent = words[state];
          }
          copy.className = "archived-copy";
          robust(copy, url, capture);
          line.closest("li").querySelectorAll("p.note-text a").forEach(function (link) {
            if (link.getAttribute("href") === url) robust(link, url, capture);
          });
          archive = copy;
        } else if (archive.tagName === "A") {
          archive.textContent = words[dead ? "dead" : "archived"].replace(
            "{date}", day({ datetime: archive.getAttribute("data-versiondate") }));
        }
        var first = dead && archive.tagName === "A";
        line.textContent = "";
        line.appendChild(first ? archive : status);
        line.appendChild(document.createTextNode(" · "));
        line.appendChild(first ? status : archive);
      });
    })
    .catch(function () {});
})();
