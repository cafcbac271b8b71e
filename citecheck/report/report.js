"use strict";
(function () {
  var list = document.getElementById("entries");
  var query = document.getElementById("q");
  var status = document.getElementById("status");
  var sort = document.getElementById("sort");
  var shown = document.getElementById("shown");
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

  query.addEventListener("input", update);
  status.addEventListener("change", update);
  sort.addEventListener("change", reorder);
  update();
})();
