"use strict";
(function () {
  var list = document.getElementById("entries");
  var query = document.getElementById("q");
  var status = document.getElementById("status");
  var sort = document.getElementById("sort");
  var shown = document.getElementById("shown");
  var copied = document.getElementById("copied");
  var items = Array.prototype.slice.call(list.children);

  function number(item, key, missing) {
    var value = item.dataset[key];
    return value === "" ? missing : Number(value);
  }

  var comparators = {
    rank: function (a, b) { return number(a, "rank", 0) - number(b, "rank", 0); },
    note: function (a, b) {
      return number(a, "note", 1e9) - number(b, "note", 1e9) || comparators.rank(a, b);
    },
    similarity: function (a, b) {
      return number(a, "similarity", 2) - number(b, "similarity", 2) || comparators.rank(a, b);
    },
    url: function (a, b) {
      return a.dataset.url < b.dataset.url ? -1 : a.dataset.url > b.dataset.url ? 1 : 0;
    }
  };

  function matches(item, wanted, words) {
    if (wanted === "needs" && item.dataset.needs !== "1") { return false; }
    if (wanted && wanted !== "needs" && item.dataset.category !== wanted) { return false; }
    return words.every(function (word) { return item.dataset.search.indexOf(word) !== -1; });
  }

  function update() {
    var words = query.value.toLowerCase().split(/\s+/).filter(Boolean);
    var count = 0;
    items.forEach(function (item) {
      var visible = matches(item, status.value, words);
      item.hidden = !visible;
      if (visible) { count += 1; }
    });
    shown.textContent = "Showing " + count + " of " + items.length + " links.";
  }

  function reorder() {
    items.slice().sort(comparators[sort.value] || comparators.rank).forEach(function (item) {
      list.appendChild(item);
    });
  }

  // The view lives in the fragment (#status=gone&q=word&sort=note): a filtered view can be
  // shared, and the status links the page has without a script filter with one.
  function readState() {
    var state = new URLSearchParams(location.hash.slice(1));
    query.value = state.get("q") || "";
    status.value = state.get("status") || "";
    if (status.selectedIndex < 0) { status.value = ""; }
    sort.value = state.get("sort") || "rank";
    if (sort.selectedIndex < 0) { sort.value = "rank"; }
    reorder();
    update();
  }

  function writeState() {
    var state = new URLSearchParams();
    if (status.value) { state.set("status", status.value); }
    if (query.value) { state.set("q", query.value); }
    if (sort.value !== "rank") { state.set("sort", sort.value); }
    var fragment = state.toString();
    history.replaceState(null, "", fragment ? "#" + fragment : location.pathname + location.search);
  }

  function copy(button) {
    var block = document.getElementById(button.dataset.copy);
    var label = button.textContent;
    function done() {
      button.textContent = "Copied";
      copied.textContent = label.replace(/^Copy /, "") + " copied.";
      setTimeout(function () { button.textContent = label; }, 2000);
    }
    function bySelection() {
      var range = document.createRange();
      range.selectNodeContents(block);
      var selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      if (document.execCommand("copy")) { done(); }
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(block.textContent).then(done, bySelection);
    } else {
      bySelection();
    }
  }

  query.addEventListener("input", function () { update(); writeState(); });
  status.addEventListener("change", function () { update(); writeState(); });
  sort.addEventListener("change", function () { reorder(); writeState(); });
  window.addEventListener("hashchange", readState);
  Array.prototype.forEach.call(document.querySelectorAll("button.copy"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { copy(button); });
  });
  document.querySelector(".controls").hidden = false;
  shown.hidden = false;
  readState();
})();
