/* The older-edition banner: how many passages the newest edition changes, with a link to its
   What-changed page. Read from mike's versions.json at the Pages root, where publish.py records
   each edition's number of changed passages: an edition's own files never change once published.
   Same origin only; without it (or without JavaScript) the banner keeps its plain text. */
(function () {
  "use strict";
  var span = document.querySelector(".edition-newest");
  if (!span || !window.fetch) return;
  var zh = span.getAttribute("data-lang") === "zh";
  fetch(span.getAttribute("data-versions"), { credentials: "same-origin" })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (versions) {
      if (!Array.isArray(versions)) return;
      var newest = null;
      versions.forEach(function (v) { if ((v.aliases || []).indexOf("latest") >= 0) newest = v; });
      var changes = newest && newest.properties ? newest.properties.changes : undefined;
      if (!newest || typeof changes !== "number") return;
      var text = zh
        ? " 最新版（" + newest.version + "）" + (changes ? "修订了 " + changes + " 处正文：" : "未改动正文：")
        : " The newest edition (" + newest.version + ") " +
          (changes ? "changes " + changes + " passage" + (changes === 1 ? "" : "s") + ": " : "makes no change to the text: ");
      var link = document.createElement("a");
      link.href = span.getAttribute("data-changes");
      link.textContent = zh ? "查看修订说明" : "see what changed";
      span.textContent = text;
      span.appendChild(link);
      span.appendChild(document.createTextNode(zh ? "。" : "."));
      span.hidden = false;
    })
    .catch(function () {});
})();
