"use strict";
// The report's behaviour: tooltips and partner highlighting. Everything the documents
// contributed arrives as JSON data and reaches the page through textContent only.
(function () {
  var data = JSON.parse(document.getElementById("diptych-data").textContent);
  var items = data.items;
  var fragments = {};  // data-k -> every element of that annotation (continuations too)
  var marks = document.querySelectorAll("mark[data-k]");
  for (var i = 0; i < marks.length; i++) {
    var k = marks[i].getAttribute("data-k");
    (fragments[k] || (fragments[k] = [])).push(marks[i]);
  }
  var tip = document.getElementById("tip");
  var lit = [];
  var current = null;

  function keyOf(node) {
    var mark = node && node.closest ? node.closest("mark[data-k]") : null;
    return mark ? mark.getAttribute("data-k") : null;
  }

  function add(parent, tag, text, cls) {
    var el = document.createElement(tag);
    if (cls) el.className = cls;
    el.textContent = text;
    parent.appendChild(el);
    return el;
  }

  function showTip(k, anchor) {
    var item = items[k];
    if (!item) return;
    tip.textContent = "";
    add(tip, "div", data.labels[item[0]] + " · " + data.documents[item[1]] + (item[6] ? " · " + item[6] : ""), "tl");
    item[3].forEach(function (pair) { add(tip, "div", pair[0] + ": " + pair[1]); });
    if (item[2]) add(tip, "div", "Note: " + item[2]);
    if (item[4].length) {
      var list = add(tip, "ul", "");
      item[4].forEach(function (link) {
        add(list, "li", link[0] + ": " + link[1] + ", \u201c" + link[2] + "\u201d" + (link[3] ? " (" + link[3] + ")" : ""));
      });
    }
    var colour = getComputedStyle(anchor).getPropertyValue("--c");
    if (colour) tip.style.setProperty("--c", colour);
    tip.hidden = false;
    var box = anchor.getBoundingClientRect();
    var top = window.scrollY + box.bottom + 6;
    var left = Math.max(4, Math.min(window.scrollX + box.left, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 4));
    if (box.bottom + tip.offsetHeight + 12 > window.innerHeight && box.top > tip.offsetHeight + 12) {
      top = window.scrollY + box.top - tip.offsetHeight - 6;
    }
    tip.style.top = top + "px";
    tip.style.left = left + "px";
    anchor.setAttribute("aria-describedby", "tip");
  }

  function hideTip(anchor) {
    tip.hidden = true;
    if (anchor) anchor.removeAttribute("aria-describedby");
  }

  function clear() {
    lit.forEach(function (el) { el.classList.remove("active", "partner"); });
    lit = [];
    current = null;
  }

  // Scroll a column (never the page) so that an element in it shows. Blocks far from the
  // screen are not laid out (content-visibility), and their heights are estimates that
  // change when the browser lays them out: lay out the element's block and its
  // neighbours first, so the measure holds once the column has scrolled there.
  function reveal(el, except) {
    var column = el.closest(".text");
    if (!column || column === except || column.scrollHeight <= column.clientHeight) return;
    var block = el.closest(".blk");
    [block && block.previousElementSibling, block, block && block.nextElementSibling].forEach(function (b) {
      if (b) b.classList.add("laid");
    });
    // What of the column the reader can see: the column, cut by the window.
    var box = el.getBoundingClientRect(), view = column.getBoundingClientRect();
    var top = Math.max(view.top, 0), bottom = Math.min(view.bottom, window.innerHeight);
    if (box.top < top || box.bottom > bottom) column.scrollTop += box.top - top - Math.max(0, bottom - top) / 3;
  }

  function select(k) {
    if (k === current) return;
    clear();
    if (k === null || !items[k]) return;
    current = k;
    (fragments[k] || []).forEach(function (el) { el.classList.add("active"); lit.push(el); });
    var home = fragments[k] && fragments[k][0].closest(".text");
    var revealed = {};
    items[k][5].forEach(function (p) {
      (fragments[p] || []).forEach(function (el, n) {
        el.classList.add("partner");
        lit.push(el);
        var column = el.closest(".text");
        var name = column ? column.parentNode.getAttribute("data-document") : "";
        if (n === 0 && !revealed[name]) { revealed[name] = true; reveal(el, home); }
      });
    });
  }

  document.addEventListener("click", function (event) {
    var go = event.target.closest ? event.target.closest("[data-go]") : null;
    if (go) {
      var target = fragments[go.getAttribute("data-go")];
      if (target) {
        event.preventDefault();
        target[0].scrollIntoView({ block: "center" });
        target[0].focus({ preventScroll: true });
        select(go.getAttribute("data-go"));
      }
      return;
    }
    var k = keyOf(event.target);
    if (k !== null) select(k);
  });
  document.addEventListener("focusin", function (event) {
    var k = keyOf(event.target);
    if (k !== null) { select(k); showTip(k, event.target); }
  });
  document.addEventListener("focusout", function (event) { hideTip(event.target); });
  document.addEventListener("mouseover", function (event) {
    var k = keyOf(event.target);
    if (k !== null) showTip(k, event.target.closest("mark[data-k]"));
  });
  document.addEventListener("mouseout", function (event) {
    if (keyOf(event.target) !== null && document.activeElement !== event.target) hideTip(null);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { clear(); hideTip(document.activeElement); }
    if ((event.key === "Enter" || event.key === " ") && keyOf(event.target) !== null) {
      event.preventDefault();
      select(keyOf(event.target));
    }
  });

  // Test hook: report.html#test-click=<annotation id> clicks that annotation once the
  // page is ready and writes what lit up into data- attributes that a test reads from
  // the DOM (headless Chromium's --dump-dom). It changes nothing else.
  var root = document.documentElement;
  var hash = location.hash;
  if (hash.indexOf("#test-click=") === 0) {
    var wanted = decodeURIComponent(hash.slice("#test-click=".length));
    var found = null;
    for (var j = 0; j < marks.length && found === null; j++) {
      if (marks[j].getAttribute("data-id") === wanted && marks[j].hasAttribute("tabindex")) found = marks[j];
    }
    if (found) {
      // As a reader would: the claim is on screen when it is clicked.
      found.scrollIntoView({ block: "nearest" });
      var columns = Array.prototype.slice.call(document.querySelectorAll(".text"));
      var scrolls = function () { return columns.map(function (c) { return Math.round(c.scrollTop); }).join(" "); };
      root.setAttribute("data-test-scroll-before", scrolls());
      var clicked = performance.now();
      found.click();
      found.focus({ preventScroll: true });
      // A headless page may not hold the focus: deliver the focus event the handler awaits.
      if (tip.hidden) found.dispatchEvent(new FocusEvent("focusin", { bubbles: true }));
      root.setAttribute("data-test-click-ms", (performance.now() - clicked).toFixed(1));
      var ids = function (cls, visibleOnly) {
        var seen = {};
        document.querySelectorAll("mark." + cls).forEach(function (el) {
          var column = el.closest(".text");
          var box = el.getBoundingClientRect(), view = column.getBoundingClientRect();
          if (!visibleOnly || (box.bottom > view.top && box.top < view.bottom)) seen[el.getAttribute("data-id")] = 1;
        });
        return Object.keys(seen).sort().join(" ");
      };
      root.setAttribute("data-test-active", ids("active"));
      root.setAttribute("data-test-partners", ids("partner"));
      root.setAttribute("data-test-visible", ids("partner", true));
      root.setAttribute("data-test-scroll", scrolls());
      root.setAttribute("data-test-tip", tip.hidden ? "" : tip.textContent);
    } else {
      root.setAttribute("data-test-active", "not found");
    }
  }
  // Test hook: report.html#test-layout writes where the columns sit and whether they scroll.
  if (hash === "#test-layout") {
    root.setAttribute("data-test-columns", Array.prototype.map.call(document.querySelectorAll(".doc"), function (d) {
      var column = d.querySelector(".text");
      var scrolls = getComputedStyle(column).overflowY === "auto" && column.scrollHeight > column.clientHeight;
      return Math.round(d.getBoundingClientRect().left) + (scrolls ? ":scroll" : ":flow");
    }).join(" "));
  }
  root.setAttribute("data-ready", String(marks.length));
  // For benchmarks/report.py: milliseconds from navigation to the script's end.
  root.setAttribute("data-script-ms", String(Math.round(performance.now())));
})();
