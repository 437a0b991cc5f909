/* bmsurvey front-end: copy buttons for "Cite this" and the reference browser on /references/.
   Plain JavaScript, shipped with the package: no CDN, no dependencies. */
(function () {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand("copy");
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }

  function initCopy(root) {
    root.querySelectorAll("button.bms-copy").forEach(function (button) {
      if (button.dataset.bmsReady) { return; }
      button.dataset.bmsReady = "1";
      button.addEventListener("click", function () {
        var target = document.getElementById(button.dataset.copy);
        if (!target) { return; }
        copyText(target.textContent).then(function () {
          button.textContent = "Copied";
          button.classList.add("bms-copied");
          setTimeout(function () { button.textContent = "Copy"; button.classList.remove("bms-copied"); }, 2000);
        }, function () { button.textContent = "Press Ctrl+C"; });
      });
    });
  }

  /* ---- reference browser ---------------------------------------------------------------- */
  function initBrowser() {
    var list = document.getElementById("bms-refs");
    var form = document.getElementById("bms-filter");
    if (!list || !form) { return; }
    /* An entry is a heading (.bms-ref, with the data) and the paragraphs up to the next one. */
    var heads = list.querySelectorAll(":scope > .bms-ref");
    var items = Array.prototype.map.call(heads, function (el, index) {
      var parts = [el];
      for (var next = el.nextElementSibling; next && !next.classList.contains("bms-ref");
        next = next.nextElementSibling) { parts.push(next); }
      return {
        el: el,
        parts: parts,
        index: index,
        text: parts.slice(0, 2).map(function (p) { return p.textContent; }).join(" ").toLowerCase(),
        year: parseInt(el.dataset.year, 10) || 0,
        type: el.dataset.type || "",
        topics: " " + (el.dataset.topics || "") + " ",
        first: el.dataset.first || "",
        cites: parseInt(el.dataset.cites, 10) || 0
      };
    });
    /* "text", not "q": Material's search reads ?q= and would open its search dialog. */
    var fields = ["text", "topic", "from", "to", "type", "sort"];
    var controls = {};
    fields.forEach(function (name) { controls[name] = form.elements.namedItem(name); });
    var count = document.getElementById("bms-count");
    var currentSort = "author";
    var ordered = items;
    list.dataset.total = String(items.length);
    var byKey = {};
    items.forEach(function (it) { byKey[it.el.id] = it; });
    var current = items;  /* the entries in the DOM, in order */
    /* With thousands of entries the cost is the browser laying out visible rows, not the
       filtering itself: show matches a page at a time ("Show more") past PAGE_ABOVE entries. */
    var PAGE = 500, PAGE_ABOVE = 2000;
    var limit = items.length > PAGE_ABOVE ? PAGE : Infinity;
    var pinned = null;
    var more = document.createElement("button");
    more.type = "button";
    more.className = "bms-copy bms-more";
    more.hidden = true;
    list.parentNode.insertBefore(more, list.nextSibling);
    more.addEventListener("click", function () { limit += PAGE; apply(true); });
    if (window.location.hash) {
      var target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
      pinned = target && target.classList.contains("bms-ref") ? target : null;
    }

    function readUrl() {
      var params = new URLSearchParams(window.location.search);
      fields.forEach(function (name) {
        if (controls[name] && params.has(name)) { controls[name].value = params.get(name); }
      });
    }

    function writeUrl() {
      var params = new URLSearchParams();
      fields.forEach(function (name) {
        var value = controls[name] ? controls[name].value.trim() : "";
        if (value && !(name === "sort" && value === "author")) { params.set(name, value); }
      });
      var query = params.toString();
      var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
      window.history.replaceState(null, "", url);
    }

    function sorter(kind) {
      if (kind === "year") { return function (a, b) { return b.year - a.year || a.index - b.index; }; }
      if (kind === "year-asc") { return function (a, b) { return a.year - b.year || a.index - b.index; }; }
      if (kind === "cites") { return function (a, b) { return b.cites - a.cites || a.index - b.index; }; }
      return function (a, b) { return a.index - b.index; };
    }

    function apply(keepLimit) {
      var started = performance.now();
      if (keepLimit !== true && items.length > PAGE_ABOVE) { limit = PAGE; }
      var words = controls.text.value.toLowerCase().split(/\s+/).filter(Boolean);
      var topic = controls.topic.value;
      var from = parseInt(controls.from.value, 10) || 0;
      var to = parseInt(controls.to.value, 10) || 99999;
      var type = controls.type.value;
      var shown = 0, matched = 0;
      var sortKind = controls.sort.value || "author";
      if (sortKind !== currentSort) {
        ordered = items.slice().sort(sorter(sortKind));
        currentSort = sortKind;
      }
      var visible = [];
      for (var i = 0; i < ordered.length; i++) {
        var item = ordered[i];
        var ok = (!topic || item.topics.indexOf(" " + topic + " ") >= 0) &&
          (!type || item.type === type) && item.year >= from && item.year <= to;
        for (var w = 0; ok && w < words.length; w++) {
          if (item.text.indexOf(words[w]) < 0) { ok = false; }
        }
        if (ok) { matched++; }
        if (ok && (matched <= limit || item.el === pinned)) { visible.push(item); }
      }
      shown = visible.length;
      /* Entries not shown leave the DOM: one replaceChildren instead of tens of thousands of
         attribute changes, each of which made Chromium re-check its siblings' styles. */
      var same = visible.length === current.length;
      for (var v = 0; same && v < visible.length; v++) { same = visible[v] === current[v]; }
      if (!same) {
        var fragment = document.createDocumentFragment();
        visible.forEach(function (it) {
          it.parts.forEach(function (part) { fragment.appendChild(part); });
        });
        list.replaceChildren(fragment);
        current = visible;
      }
      if (matched === items.length && shown === matched) {
        count.textContent = "Showing all " + items.length + " references";
      } else if (shown === matched) {
        count.textContent = "Showing " + shown + " of " + items.length + " references";
      } else {
        count.textContent = "Showing " + shown + " of " + matched + " matching references (" +
          items.length + " in all)";
      }
      more.hidden = shown >= matched;
      more.textContent = "Show " + Math.min(PAGE, matched - shown) + " more";
      list.dataset.filterMs = (performance.now() - started).toFixed(1);
      list.dataset.applied = String((parseInt(list.dataset.applied || "0", 10) || 0) + 1);
      writeUrl();
    }

    var timer = null;
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    form.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(apply, 60);
    });
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    window.addEventListener("hashchange", function () {
      /* The target may have left the DOM (filtered or paged out): find it by key. */
      var item = byKey[decodeURIComponent(window.location.hash.slice(1))];
      if (!item) { return; }
      pinned = item.el;
      if (current.indexOf(item) < 0) { apply(true); }
      item.el.scrollIntoView();
    });
    readUrl();
    apply();
    form.hidden = false;
    if (window.location.hash) {
      var target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
      if (target) { target.scrollIntoView(); }
    }
  }

  /* Tables as data: a click on a column header sorts by that column, a second click reverses.
     Without script the headers are plain text and the table keeps its source order. */
  function initSort(root) {
    root.querySelectorAll("table.bms-sortable").forEach(function (table) {
      if (table.dataset.bmsReady) { return; }
      table.dataset.bmsReady = "1";
      var heads = Array.prototype.slice.call(table.querySelectorAll("thead th"));
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      rows.forEach(function (row, i) { row.dataset.bmsIndex = String(i); });
      heads.forEach(function (th, col) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "bms-sort";
        while (th.firstChild) { button.appendChild(th.firstChild); }
        th.appendChild(button);
        button.addEventListener("click", function () {
          var dir = th.getAttribute("aria-sort") === "ascending" ? -1 : 1;
          heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
          th.setAttribute("aria-sort", dir === 1 ? "ascending" : "descending");
          var numeric = th.dataset.type === "number" || th.dataset.type === "bool";
          var keyed = rows.map(function (row) {
            var cell = row.cells[col];
            var raw = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort")
                                                     : cell.textContent.trim();
            return {row: row, raw: raw, num: parseFloat(raw),
                    index: Number(row.dataset.bmsIndex)};
          });
          keyed.sort(function (a, b) {
            if (a.raw === "" || b.raw === "") {  /* empty cells last, either way */
              return (a.raw === "") - (b.raw === "") || a.index - b.index;
            }
            var c = numeric ? a.num - b.num
                            : a.raw.localeCompare(b.raw, undefined, {numeric: true});
            return dir * c || a.index - b.index;
          });
          keyed.forEach(function (k) { body.appendChild(k.row); });
        });
      });
    });
  }

  /* The model catalogue's filters: text, domain, access and architecture, kept in the URL. */
  function initCatalogueFilter() {
    var form = document.querySelector("form.bms-catalogue-filter");
    var table = document.querySelector("table.bms-catalogue");
    if (!form || !table) { return; }
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var text = rows.map(function (r) { return r.textContent.toLowerCase(); });
    var count = form.querySelector("output");
    var names = ["text", "domain", "access", "arch"];
    var params = new URLSearchParams(window.location.search);
    names.forEach(function (n) {
      if (params.has(n)) { form.elements.namedItem(n).value = params.get(n); }
    });
    function apply() {
      var q = form.elements.namedItem("text").value.trim().toLowerCase();
      var want = {domain: form.elements.namedItem("domain").value,
                  access: form.elements.namedItem("access").value,
                  arch: form.elements.namedItem("arch").value};
      var shown = 0;
      rows.forEach(function (row, i) {
        var ok = (!q || text[i].indexOf(q) >= 0) &&
          (!want.domain || row.dataset.domain === want.domain) &&
          (!want.access || row.dataset.access === want.access) &&
          (!want.arch || row.dataset.arch === want.arch);
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      count.textContent = shown + " of " + rows.length + " models";
      var url = new URL(window.location.href);
      names.forEach(function (n) {
        var v = form.elements.namedItem(n).value.trim();
        if (v) { url.searchParams.set(n, v); } else { url.searchParams.delete(n); }
      });
      window.history.replaceState(null, "", url);
    }
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    form.hidden = false;
    apply();
  }

  function init() {
    initCopy(document);
    initSort(document);
    initCatalogueFilter();
    initBrowser();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
