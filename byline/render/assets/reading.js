/* byline reading page: pick an attribution to see its chain; entities and speakers highlight their text. */
(function () {
  "use strict";
  var doc = document;
  var article = doc.getElementById("article");
  var empty = doc.getElementById("chain-empty");
  var tip = doc.getElementById("tip");
  var pinned = null;
  var shown = null;
  // a layer hidden by its toggle keeps its tooltips quiet: hovering shows the next tip out, if any
  var LAYER_MARKS = { opinion: ".snt.op", techniques: ".ly-slant" };

  function esc(value) { return window.CSS && CSS.escape ? CSS.escape(value) : value.replace(/["\\]/g, "\\$&"); }
  function pieces(id) { return doc.querySelectorAll('#article [data-a="' + esc(id) + '"]'); }
  function card(id) { return doc.getElementById("card-" + id); }
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  function ancestors(id) {
    var box = card(id);
    return box && box.dataset.chain ? box.dataset.chain.split(" ").filter(Boolean) : [];
  }

  function paint(id, on) {
    each(pieces(id), function (el) { el.classList.toggle("sel", on); });
    ancestors(id).forEach(function (up) {
      each(pieces(up), function (el) { if (el.classList.contains("q")) el.classList.toggle("anc", on); });
    });
  }

  function show(id) {
    if (shown === id) return;
    if (shown !== null) {
      paint(shown, false);
      var old = card(shown);
      if (old) old.hidden = true;
    }
    shown = id;
    var box = id === null ? null : card(id);
    if (empty) empty.hidden = box !== null;
    doc.body.classList.toggle("has-card", box !== null);
    if (box) { box.hidden = false; paint(id, true); }
  }

  function select(id, scroll) {
    pinned = id;
    show(id);
    each(doc.querySelectorAll('#article [aria-pressed][data-a]'), function (el) {
      el.setAttribute("aria-pressed", el.dataset.a === id ? "true" : "false");
    });
    if (scroll && id !== null) {
      var first = pieces(id)[0];
      if (first) {
        first.scrollIntoView({ block: "center", behavior: "smooth" });
        var handle = doc.querySelector('#article [data-a="' + esc(id) + '"][tabindex]');
        if (handle) handle.focus({ preventScroll: true });
      }
    }
  }

  function toggleEntity(button) {
    var on = button.getAttribute("aria-pressed") !== "true";
    button.setAttribute("aria-pressed", on ? "true" : "false");
    var mentions = doc.querySelectorAll('#article [data-e="' + esc(button.dataset.e) + '"]');
    each(mentions, function (el) { el.classList.toggle("hl", on); });
    if (on && mentions.length) mentions[0].scrollIntoView({ block: "center", behavior: "smooth" });
  }

  function toggleSpeaker(button) {
    var on = button.getAttribute("aria-pressed") !== "true";
    each(doc.querySelectorAll(".chip[aria-pressed]"), function (el) { el.setAttribute("aria-pressed", "false"); });
    each(doc.querySelectorAll("#article .spot"), function (el) { el.classList.remove("spot"); });
    article.classList.toggle("spotlight", on);
    if (!on) return;
    button.setAttribute("aria-pressed", "true");
    var mine = doc.querySelectorAll('#article [data-sp="' + esc(button.dataset.sp) + '"]');
    each(mine, function (el) { el.classList.add("spot"); });
    if (mine.length) mine[0].scrollIntoView({ block: "center", behavior: "smooth" });
  }

  function muted(el) {
    return Object.keys(LAYER_MARKS).some(function (name) {
      return article.classList.contains("hide-" + name) && el.matches(LAYER_MARKS[name]);
    });
  }
  function tipOf(el) {
    var tipped = el.closest("[data-tip]");
    while (tipped && muted(tipped)) tipped = tipped.parentElement && tipped.parentElement.closest("[data-tip]");
    return tipped;
  }
  function showLayer(toggle) {
    article.classList.toggle("hide-" + toggle.dataset.toggle, !toggle.checked);
    hideTip();
  }

  function showTip(el) {
    if (!tip) return;
    tip.textContent = el.dataset.tip;
    tip.hidden = false;
    var box = el.getClientRects()[0] || el.getBoundingClientRect();
    var left = Math.max(8, Math.min(box.left + window.scrollX, window.scrollX + doc.documentElement.clientWidth - tip.offsetWidth - 8));
    tip.style.left = left + "px";
    tip.style.top = (box.bottom + window.scrollY + 6) + "px";
  }
  function hideTip() { if (tip) tip.hidden = true; }

  function downloadJson() {
    var data = doc.getElementById("byline-reading").textContent;
    var link = doc.createElement("a");
    link.href = URL.createObjectURL(new Blob([data], { type: "application/json" }));
    link.download = (doc.body.dataset.slug || "reading") + ".json";
    doc.body.appendChild(link);
    link.click();
    link.remove();
  }

  doc.addEventListener("click", function (event) {
    var target = event.target;
    var go = target.closest("[data-go]");
    if (go) { select(go.dataset.go, true); return; }
    var ent = target.closest("button[data-e]");
    if (ent) { toggleEntity(ent); return; }
    var chip = target.closest("button.chip[data-sp]");
    if (chip) { toggleSpeaker(chip); return; }
    if (target.closest("#download-json")) { downloadJson(); return; }
    if (target.closest(".close-card")) { select(null, false); return; }
    var piece = target.closest("#article [data-a]");
    if (piece) select(piece.dataset.a, false);
  });

  doc.addEventListener("change", function (event) {
    if (event.target.matches("input[data-toggle]")) showLayer(event.target);
  });

  doc.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { select(null, false); hideTip(); return; }
    if (event.key !== "Enter" && event.key !== " ") return;
    var piece = event.target.closest && event.target.closest("#article [data-a][tabindex]");
    if (piece) { event.preventDefault(); select(piece.dataset.a, false); }
  });

  doc.addEventListener("mouseover", function (event) {
    var tipped = tipOf(event.target);
    if (tipped) showTip(tipped);
    var piece = event.target.closest("#article [data-a]");
    if (piece) show(piece.dataset.a);
  });
  doc.addEventListener("mouseout", function (event) {
    var to = event.relatedTarget;
    if (tipOf(event.target) && !(to && to.closest && tipOf(to))) hideTip();
    if (event.target.closest("#article [data-a]") && !(to && to.closest && to.closest("#article [data-a]"))) show(pinned);
  });
  doc.addEventListener("focusin", function (event) {
    if (!event.target.closest) return;
    var tipped = tipOf(event.target);
    if (tipped) showTip(tipped);
    var piece = event.target.closest("#article [data-a][tabindex]");
    if (piece) show(piece.dataset.a);
  });
  doc.addEventListener("focusout", function (event) {
    hideTip();
    if (event.target.closest && event.target.closest("#article [data-a][tabindex]")) show(pinned);
  });
  window.addEventListener("beforeprint", function () {
    each(doc.querySelectorAll("details"), function (el) { el.open = true; });
  });
  each(doc.querySelectorAll("input[data-toggle]"), showLayer); // a reloaded page may keep boxes unticked
  doc.body.classList.add("js");
})();
