// A petition page may be served from a cache for minutes. Refresh its count, progress bar and
// "Recently signed" list together from the cacheable count endpoint, which returns all three,
// so the list never lags the number (and an erased or hidden signer leaves it). Without
// JavaScript the server-rendered count and list stay.
(function () {
  function parseShown(box) {
    var count = box.querySelector("[data-count]");
    return parseInt((count && count.textContent || "0").replace(/\D/g, ""), 10) || 0;
  }

  function updateProgress(box, data) {
    var count = box.querySelector("[data-count]");
    var bar = box.querySelector("[role=progressbar]");
    var goal = box.querySelector("[data-goal]");
    if (count) count.textContent = data.count.toLocaleString("en-GB");
    if (bar) {
      bar.setAttribute("aria-valuenow", data.count);
      bar.setAttribute("aria-valuemax", data.goal);
      bar.firstElementChild.style.width = data.progress_percent + "%";
    }
    if (goal) goal.textContent = data.goal.toLocaleString("en-GB");
  }

  function updateSigners(section, signers) {
    var list = section.querySelector("ul");
    if (!list || !Array.isArray(signers)) return;
    var items = signers.map(function (signer) {
      // Text nodes only: a name is whatever a signer typed.
      var item = document.createElement("li");
      var name = document.createElement("bdi");
      name.textContent = signer.name;
      item.appendChild(name);
      item.appendChild(document.createTextNode(", " + signer.country));
      return item;
    });
    list.replaceChildren.apply(list, items);
    section.hidden = items.length === 0;
  }

  // One request per petition, however many boxes show it (the phone's summary and the form's).
  var urls = {};
  document.querySelectorAll("[data-count-url]").forEach(function (box) {
    urls[box.dataset.countUrl] = true;
  });
  Object.keys(urls).forEach(function (url) {
    var boxes = document.querySelectorAll('[data-count-url="' + url + '"]');
    var lists = document.querySelectorAll('[data-recent-signers="' + url + '"]');
    fetch(url, { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) return;
        // Counts only go up: an answer a CDN cached earlier than this page must not lower
        // one, nor bring back an older list. Erasure keeps the count, so an equal count may
        // still bring a shorter list.
        var shown = 0;
        boxes.forEach(function (box) { shown = Math.max(shown, parseShown(box)); });
        if (data.count < shown) return;
        if (data.count > shown) boxes.forEach(function (box) { updateProgress(box, data); });
        lists.forEach(function (section) { updateSigners(section, data.recent_signers); });
      })
      .catch(function () {});
  });

  // "Sign now" near the top: follow the link to the form, then put the cursor in its first
  // field, so one tap starts signing. Without JavaScript the link still scrolls to the form.
  document.querySelectorAll("[data-focus-field]").forEach(function (link) {
    link.addEventListener("click", function () {
      var field = document.getElementById(link.dataset.focusField);
      if (field) window.setTimeout(function () { field.focus({ preventScroll: true }); }, 0);
    });
  });
})();
