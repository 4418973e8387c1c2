/* The References page: each cited URL's latest verdict, from link-health.json at the Pages root
   (published weekly beside the editions by `publish.py --link-health`). The page as built already
   shows the verdict its build knew, labelled with its date; this replaces it with a newer one,
   and shows the archived copy first for a URL failing several runs in a row. Same origin only. */
(function () {
  "use strict";
  var list = document.querySelector("ol.edition-references[data-health]");
  if (!list || !window.fetch) return;
  var words = JSON.parse(list.getAttribute("data-words"));
  fetch(list.getAttribute("data-health"), { credentials: "same-origin" })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (health) {
      if (!health || !health.results || !health.checked_at) return;
      var day = String(health.checked_at).slice(0, 10);
      list.querySelectorAll("p.note-link[data-url]").forEach(function (line) {
        var result = health.results[line.getAttribute("data-url")];
        if (!result) return;
        var status = line.querySelector(".link-status");
        var archive = line.querySelector(".archived-copy");
        if (!status || !archive) return;
        var label = words.verdicts[result.verdict] || result.verdict;
        var text = words.checked.replace("{date}", day).replace("{verdict}", label);
        if (result.failures) text += words.runs.replace("{n}", result.failures);
        status.textContent = text;
        status.setAttribute("data-verdict", result.verdict);
        status.setAttribute("data-checked", day);
        var dead = result.failures >= words.dead_after;
        line.classList.toggle("link-dead", dead);
        archive.textContent = dead ? words.dead : words.archive;
        var first = dead ? archive : status, second = dead ? status : archive;
        line.textContent = "";
        line.appendChild(first);
        line.appendChild(document.createTextNode(" · "));
        line.appendChild(second);
      });
    })
    .catch(function () {});
})();
