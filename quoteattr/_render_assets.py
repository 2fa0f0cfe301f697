"""The stylesheet and script that :mod:`quoteattr.render` inlines into every page.

Kept apart from the markup code so each can be read on its own. Every selector is scoped
under ``.quoteattr`` (the page's ``<body>`` or a notebook fragment's root ``<div>``), so a
fragment never restyles the notebook around it. Nothing is fetched: system fonts, no
images, no external scripts.

Visual grammar, chosen so that no distinction rests on colour alone:

* direct quotation: tinted background and a solid underline;
* indirect quotation: no background and a dashed underline;
* mixed quotation: tinted background and a dotted underline;
* cue: underlined, semi-bold; speaker mention: outlined, semi-bold;
* each quotation opens with a label (speaker, role, country) drawn from ``data-label``
  by a pseudo-element, so the label never enters the text content of the article;
  an unattributed quotation gets an italic, dash-bordered "unattributed" label.

Speaker colours (``--c`` for labels and lines, ``--t`` for tints) are set per speaker
class by :mod:`quoteattr.render`; where neither is set (unattributed quotations, the
legend) the ``var()`` fallbacks give a neutral grey. Defaults are fallbacks rather than
rules so that, with several fragments in one notebook, a later fragment's stylesheet
cannot override an earlier fragment's speaker colours. Label text is white on ``--c``
and body text is ``#1b1b1b`` on ``--t``; both pairs meet WCAG AA contrast (4.5:1).
"""

from __future__ import annotations

CSS = """\
.quoteattr{--qa-fg:#1b1b1b;--qa-muted:#595959;--qa-line:#d4d4d4;--qa-focus:#1d4ed8;\
color:var(--qa-fg);background:#fff;box-sizing:border-box;padding:1rem 1.25rem;\
font:16px/1.75 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
body.quoteattr{margin:0}
.quoteattr *{box-sizing:inherit}
.quoteattr .qa-head{margin:0 0 1rem;padding-bottom:.5rem;border-bottom:1px solid var(--qa-line)}
.quoteattr .qa-title{margin:0 0 .25rem;font-size:1.35rem;line-height:1.3;font-weight:700}
.quoteattr .qa-summary{margin:0;color:var(--qa-muted);font-size:.9rem}
.quoteattr .qa-legend{display:flex;flex-wrap:wrap;gap:.3rem 1.1rem;margin:.4rem 0 0;padding:0;\
list-style:none;font-size:.85rem}
.quoteattr .qa-layout{display:flex;flex-wrap:wrap;gap:1.5rem 2.5rem;align-items:flex-start}
.quoteattr .qa-text{flex:1 1 34rem;max-width:46rem;margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
.quoteattr .qa-side{flex:0 1 22rem;min-width:15rem;font-size:.9rem;line-height:1.5}
.quoteattr .qa-side-title{margin:0 0 .4rem;font-size:1rem;font-weight:700}
.quoteattr .qa-hint{margin:0 0 .5rem;color:var(--qa-muted);font-size:.8rem}
.quoteattr:not([data-ready]) .qa-hint{display:none}
.quoteattr .qa-unattributed{--c:#595959;--t:#ededed}
.quoteattr .qa-q,.quoteattr .qa-key{color:inherit;background:var(--t,#ededed);\
border-bottom:.14em solid var(--c,#595959);border-radius:.15em;padding:.05em 0;\
-webkit-box-decoration-break:clone;box-decoration-break:clone}
.quoteattr .qa-q{position:relative}
.quoteattr .qa-indirect{background:transparent;border-bottom-style:dashed}
.quoteattr .qa-mixed{border-bottom-style:dotted;border-bottom-width:.2em}
.quoteattr .qa-q[data-label]::before{content:attr(data-label);display:inline-block;margin:0 .3em 0 .1em;\
padding:0 .4em;border-radius:.3em;background:var(--c,#595959);color:#fff;font-size:.7em;font-weight:600;\
font-style:normal;line-height:1.6;vertical-align:.15em;white-space:normal}
.quoteattr .qa-q.qa-unattributed[data-label]::before{background:#fff;color:var(--qa-muted);\
border:1px dashed var(--qa-muted);font-style:italic}
.quoteattr .qa-cue{text-decoration:underline .16em var(--c,#595959);text-underline-offset:.22em;font-weight:600}
.quoteattr .qa-who{outline:.1em solid var(--c,#595959);outline-offset:.05em;border-radius:.15em;font-weight:600}
.quoteattr .qa-q:focus{outline:3px solid var(--qa-focus);outline-offset:2px;z-index:2}
.quoteattr .qa-q[data-info]:focus::after{content:attr(data-info);position:absolute;left:0;\
top:calc(100% + .35em);z-index:3;padding:.25em .5em;border-radius:.3em;background:var(--qa-fg);color:#fff;\
font-size:.75rem;font-weight:400;font-style:normal;line-height:1.4;white-space:nowrap;pointer-events:none}
.quoteattr.qa-filter .qa-q:not(.qa-on){background:transparent;border-bottom-color:var(--qa-line)}
.quoteattr .qa-q.qa-on{outline:2px solid var(--c,#595959);outline-offset:1px}
.quoteattr table{width:100%;border-collapse:collapse}
.quoteattr caption{text-align:left;font-weight:700;padding:0 0 .3rem}
.quoteattr th,.quoteattr td{padding:.3em .5em;border-bottom:1px solid var(--qa-line);text-align:left;\
vertical-align:top}
.quoteattr th{font-weight:600;color:var(--qa-muted)}
.quoteattr .qa-n{text-align:right;font-variant-numeric:tabular-nums}
.quoteattr .qa-side button{display:inline-flex;gap:.45em;align-items:baseline;padding:0;border:0;\
background:none;color:inherit;font:inherit;text-align:left;cursor:pointer}
.quoteattr .qa-side button[aria-pressed="true"]{font-weight:700;text-decoration:underline}
.quoteattr .qa-swatch{display:inline-block;flex:none;width:.8em;height:.8em;border-radius:50%;\
background:var(--c,#595959)}
.quoteattr .qa-swatch.qa-unattributed{background:#fff;border:1px dashed var(--qa-muted)}
.quoteattr a{color:var(--qa-focus)}
.quoteattr button:focus-visible,.quoteattr a:focus-visible{outline:3px solid var(--qa-focus);\
outline-offset:2px}
.quoteattr .qa-index{max-width:60rem}
.quoteattr .qa-index table{margin:0 0 2rem}
"""
"""Scoped stylesheet shared by document pages, notebook fragments and the index page."""

SCRIPT = """\
(function () {
  "use strict";
  document.querySelectorAll(".quoteattr:not([data-ready])").forEach(function (root) {
    var buttons = root.querySelectorAll(".qa-side button[data-s]");
    var quotes = root.querySelectorAll(".qa-q");
    function select(key) {
      root.classList.toggle("qa-filter", key !== null);
      quotes.forEach(function (q) { q.classList.toggle("qa-on", q.getAttribute("data-s") === key); });
      buttons.forEach(function (b) {
        b.setAttribute("aria-pressed", String(b.getAttribute("data-s") === key));
      });
    }
    buttons.forEach(function (b) {
      b.addEventListener("click", function () {
        select(b.getAttribute("aria-pressed") === "true" ? null : b.getAttribute("data-s"));
      });
    });
    root.addEventListener("keydown", function (e) { if (e.key === "Escape") { select(null); } });
    select(null);
    root.setAttribute("data-ready", "");
  });
})();
"""
"""Progressive enhancement: speaker buttons toggle a highlight of that speaker's quotations
(Enter and Space work because they are real buttons; Escape clears). Each ``.quoteattr``
root is set up once and then marked ``data-ready``, which also reveals the usage hint."""
