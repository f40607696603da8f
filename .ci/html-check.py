#!/usr/bin/env python3
"""Checks HTML pages as browsers and assistive technology read them: strict HTML5 parsing
(html5lib, zero parse errors), then the page rendered by headless Chromium and assertions
on the rendered DOM (landmarks, one h1, no skipped heading level, no broken link, nothing
loaded, text contrast of at least 4.5:1, and for the report the verdict filter and one
section and overview row per activity); a screenshot and a printed PDF of the first page of each kind are kept
as artefacts.

usage: html-check.py report|annex ARTIFACT_DIR PAGE.html[=REPORT.json]...
  report pages: the check report (`check --format html`), each with its JSON report to
  compare the activities with; annex pages: `annex --format html`.
"""
import html5lib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

CHROMIUM = shutil.which("chromium-headless-shell") or shutil.which("chromium") or "chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars", "--allow-file-access-from-files"]

# Run in the rendered page (a copy without the content security policy, which forbids
# every script): untick a verdict filter and record what the page then shows.
PROBE = """<script>
(function () {
  var result = {};
  var main = document.querySelector('main');
  result.landmarks = ['header', 'main', 'footer'].filter(function (n) { return document.querySelector(n); });
  result.h1 = document.querySelectorAll('h1').length;
  var levels = Array.prototype.map.call(document.querySelectorAll('h1,h2,h3,h4,h5,h6'), function (h) { return +h.tagName[1]; });
  result.skips = levels.filter(function (l, i) { return i > 0 && l > levels[i - 1] + 1; }).length;
  result.brokenLinks = Array.prototype.filter.call(document.querySelectorAll('a[href^="#"]'), function (a) {
    return !document.getElementById(a.getAttribute('href').slice(1));
  }).length;
  result.external = Array.prototype.filter.call(document.querySelectorAll('[src],link[href]'), function () { return true; }).length;
  result.sections = document.querySelectorAll('section.activity').length;
  result.rows = document.querySelectorAll('tbody tr.filterable').length;
  var box = document.getElementById('f-allowed');
  if (box) {
    box.click();
    result.allowedHidden = Array.prototype.every.call(document.querySelectorAll('.v-allowed.filterable'), function (e) { return getComputedStyle(e).display === 'none'; });
    result.othersShown = Array.prototype.every.call(document.querySelectorAll('.filterable:not(.v-allowed)'), function (e) { return getComputedStyle(e).display !== 'none'; });
    box.click();
  }
  // WCAG contrast of every verdict badge and of the body text (AA: at least 4.5:1).
  function channels(c) { return (c.match(/[0-9.]+/g) || [0, 0, 0]).slice(0, 3).map(Number); }
  function luminance(c) {
    var v = channels(c).map(function (x) { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); });
    return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
  }
  function background(e) {
    for (; e; e = e.parentElement) { var b = getComputedStyle(e).backgroundColor; if (b && !/rgba\(0, 0, 0, 0\)|transparent/.test(b)) return b; }
    return 'rgb(255, 255, 255)';
  }
  function contrast(e) {
    var a = luminance(getComputedStyle(e).color), b = luminance(background(e));
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  }
  var checked = Array.prototype.slice.call(document.querySelectorAll('.verdict, p, td, th, li, h1, h2, h3'));
  result.lowContrast = checked.filter(function (e) { return contrast(e) < 4.5; }).length;
  result.width = document.documentElement.scrollWidth;
  document.body.setAttribute('data-probe', JSON.stringify(result));
})();
</script>"""


def chromium(*arguments, timeout=60):
    return subprocess.run([CHROMIUM, *FLAGS, *arguments], capture_output=True, text=True, timeout=timeout)


def probe(path):
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    text = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", text)
    text = text.replace("</body>", PROBE + "\n</body>")
    with tempfile.NamedTemporaryFile("w", suffix=".html", delete=False, encoding="utf-8") as copy:
        copy.write(text)
    try:
        run = chromium("--dump-dom", "--window-size=1200,1600", "file://" + copy.name)
    finally:
        os.unlink(copy.name)
    match = re.search(r"data-probe=\"([^\"]*)\"", run.stdout)
    if not match:
        sys.exit(f"error: Chromium rendered no DOM for {path}: {run.stderr[-500:]}")
    return json.loads(match.group(1).replace("&quot;", '"').replace("&amp;", "&"))


def main():
    kind, artifacts, *pages = sys.argv[1:]
    os.makedirs(artifacts, exist_ok=True)
    problems = []
    for number, page in enumerate(pages):
        path, _, report = page.partition("=")
        with open(path, "rb") as handle:
            parser = html5lib.HTMLParser(strict=False)
            document = parser.parse(handle)
        for position, error, _ in parser.errors:
            problems.append(f"{path}:{position[0]}:{position[1]}: HTML5 parse error {error}")
        text = open(path, encoding="utf-8").read()
        if not re.search(r'<html lang="(nl|en)">', text):
            problems.append(f"{path}: no lang on <html>")
        if re.search(r"<(script|link|img|iframe)\b", text, re.I) or re.search(r'\bsrc="', text):
            problems.append(f"{path}: loads or runs something (a script, a link, an image): the page must stand alone")
        if "counter(page)" not in text:
            problems.append(f"{path}: prints without page numbers")
        result = probe(path)
        if result["landmarks"] != ["header", "main", "footer"] or result["h1"] != 1 or result["skips"] or result["brokenLinks"] or result["external"] or result["lowContrast"]:
            problems.append(f"{path}: rendered DOM: {result}")
        if result["width"] > 1200:
            problems.append(f"{path}: wider than the window ({result['width']} px)")
        if kind == "report":
            with open(report, encoding="utf-8") as handle:
                activities = sum(len(plan["activities"]) for plan in json.load(handle))
            if result["sections"] != activities or result["rows"] != activities:
                problems.append(f"{path}: {result['sections']} activity sections and {result['rows']} overview rows for {activities} activities")
            if not (result.get("allowedHidden") and result.get("othersShown")):
                problems.append(f"{path}: the verdict filter does not hide only the allowed activities: {result}")
        if number == 0:
            name = os.path.join(artifacts, f"{kind}-" + os.path.basename(path).rsplit(".", 1)[0])
            shot = chromium("--screenshot=" + name + ".png", "--window-size=1200,1600", "file://" + os.path.abspath(path))
            pdf = chromium("--no-pdf-header-footer", "--print-to-pdf=" + name + ".pdf", "file://" + os.path.abspath(path))
            for produced in (name + ".png", name + ".pdf"):
                if not os.path.exists(produced) or os.path.getsize(produced) < 1000:
                    problems.append(f"{path}: Chromium did not write {produced}: {shot.stderr[-300:]} {pdf.stderr[-300:]}")
            pages_printed = len(re.findall(rb"/Type\s*/Page[^s]", open(name + ".pdf", "rb").read())) if os.path.exists(name + ".pdf") else 0
            print(f"{path}: screenshot and PDF ({pages_printed} A4 pages) in {artifacts}")
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print(f"{len(pages)} {kind} pages parse as HTML5 and render in Chromium as expected")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
