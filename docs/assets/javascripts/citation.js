/* "Cite this article": the date accessed is the reader's (GB/T 7714's 引用日期, biblatex's urldate,
   RIS's Y2), so this page fills it in from the reader's own clock. Hand-written; no request leaves
   the site. Without JavaScript the page shows a placeholder and the files carry no access date. */
(function () {
  "use strict";
  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }
  var now = new Date();
  var iso = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  var months = "January February March April May June July August September October November December".split(" ");
  /* APA writes an undated page's retrieval date in words: November 20, 2026. */
  var apa = months[now.getMonth()] + " " + now.getDate() + ", " + now.getFullYear();

  var places = document.querySelectorAll("[data-cite-accessed]");
  for (var i = 0; i < places.length; i++) {
    places[i].textContent = places[i].getAttribute("data-cite-accessed") === "apa" ? apa : iso;
  }

  /* The saved file gets the date too: urldate before the entry's closing brace, Y2 before ER. */
  function withAccessDate(name, text) {
    if (/\.bib$/.test(name)) {
      return text.replace(/\n\}\s*$/, ",\n  urldate = {" + iso + "}\n}\n");
    }
    if (/\.ris$/.test(name)) {
      return text.replace(/^ER {2}- /m, "Y2  - " + iso.replace(/-/g, "/") + "/\nER  - ");
    }
    if (/\.json$/.test(name)) {
      var items = JSON.parse(text);
      var parts = iso.split("-").map(Number);
      items.forEach(function (item) {
        item.accessed = { "date-parts": [parts] };
      });
      return JSON.stringify(items, null, 2) + "\n";
    }
    return text;
  }

  function save(link) {
    var name = link.getAttribute("download");
    fetch(link.href)
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (text) {
        var type = /\.json$/.test(name) ? "application/json" : "text/plain";
        var url = URL.createObjectURL(new Blob([withAccessDate(name, text)], { type: type + ";charset=utf-8" }));
        var temporary = document.createElement("a");
        temporary.href = url;
        temporary.download = name;
        document.body.appendChild(temporary);
        temporary.click();
        temporary.remove();
        setTimeout(function () {
          URL.revokeObjectURL(url);
        }, 1000);
      })
      .catch(function () {
        window.location.href = link.href; /* the file as published, without the date */
      });
  }

  var links = document.querySelectorAll("a[data-cite-save]");
  for (var j = 0; j < links.length; j++) {
    links[j].addEventListener("click", function (event) {
      event.preventDefault();
      save(event.currentTarget);
    });
  }
})();
