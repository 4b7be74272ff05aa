// "Copy link" for share boxes (templates/includes/share_links.html). Without JavaScript, or in a
// browser without the clipboard API, the box keeps what the server sent: a read-only field
// holding the address, or a plain link to it. With both, a button copies the address and the
// box's status line (role="status") announces "Link copied".
(function () {
  if (!navigator.clipboard || !window.isSecureContext) return;

  function copier(box) {
    var status = box.querySelector("[data-share-status]");
    var timer = null;
    return function (event) {
      if (event) event.preventDefault();
      navigator.clipboard.writeText(box.dataset.shareUrl).then(
        function () { say("Link copied"); },
        function () { say("Could not copy the link: copy it from the address bar."); }
      );
    };
    function say(text) {
      if (!status) return;
      // Emptied first, so saying the same thing twice is announced twice.
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 50);
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { status.textContent = ""; }, 5000);
    }
  }

  document.querySelectorAll("[data-share]").forEach(function (box) {
    var copy = copier(box);
    var link = box.querySelector("[data-share-copy]");
    if (link) {
      link.setAttribute("role", "button");
      link.addEventListener("click", copy);
      link.addEventListener("keydown", function (event) {
        if (event.key === " ") copy(event); // a button answers the space bar as well as Enter
      });
    }
    var field = box.querySelector("[data-share-field]");
    if (field) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "share__copy-button";
      button.textContent = "Copy link";
      field.insertAdjacentElement("afterend", button);
      button.addEventListener("click", copy);
      field.addEventListener("focus", function () { field.select(); });
    }
  });
})();
