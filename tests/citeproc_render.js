// Renders CSL-JSON items with citeproc-js, the engine Zotero and Mendeley use (tests/test_citeproc_js.py).
// stdin: {"jobs": [{"style": FILE, "lang": "zh-CN", "item": {...}}], "locales": DIR}
// stdout: one bibliography entry (plain text) per job, as a JSON list. Each item is rendered on
// its own, so that no two entries disambiguate each other (2026a, 2026b).
"use strict";
const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const styles = new Map();
const out = input.jobs.map((job) => {
  if (!styles.has(job.style)) styles.set(job.style, fs.readFileSync(job.style, "utf8"));
  const sys = {
    retrieveLocale: (lang) => {
      const file = path.join(input.locales, `locales-${lang}.xml`);
      return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : false;
    },
    retrieveItem: () => job.item,
  };
  const engine = new CSL.Engine(sys, styles.get(job.style), job.lang, true);
  engine.setOutputFormat("text");
  engine.updateItems([job.item.id]);
  const [, entries] = engine.makeBibliography();
  return entries[0].trim();
});
process.stdout.write(JSON.stringify(out));
