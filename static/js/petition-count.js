// Refresh a petition's count from the cacheable count endpoint, so a page served from a cache
// still shows a current number. Without JavaScript the server-rendered number stays.
(function () {
  document.querySelectorAll("[data-count-url]").forEach(function (box) {
    fetch(box.dataset.countUrl, { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) return;
        var count = box.querySelector("[data-count]");
        // Counts only go up; a response a browser or CDN cached earlier must not lower one.
        var shown = parseInt((count && count.textContent || "0").replace(/\D/g, ""), 10) || 0;
        if (data.count <= shown) return;
        var bar = box.querySelector("[role=progressbar]");
        var goal = box.querySelector("[data-goal]");
        if (count) count.textContent = data.count.toLocaleString("en-GB");
        if (bar) {
          bar.setAttribute("aria-valuenow", data.count);
          bar.setAttribute("aria-valuemax", data.goal);
          bar.firstElementChild.style.width = data.progress_percent + "%";
        }
        if (goal) goal.textContent = data.goal.toLocaleString("en-GB");
      })
      .catch(function () {});
  });
})();
