// Report a comment in place: the "Report" link under each comment opens the same form as the
// page it links to (/comments/report/<id>/), under the comment, and sends it without leaving
// the story. Without JavaScript the link opens that page. Nothing about the reader is kept on
// the story page: the form is fetched fresh, and the answer is the server's own message.
(function () {
  function closeForm(box, link) {
    box.remove();
    link.setAttribute("aria-expanded", "false");
    link.focus();
  }

  function fromHtml(html, selector) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    return doc.querySelector(selector);
  }

  function showAnswer(box, link, html) {
    var form = fromHtml(html, "[data-report-form]");
    var notice = fromHtml(html, ".notice");
    box.textContent = "";
    if (notice) box.appendChild(document.importNode(notice, true));
    if (form) {
      // Refused (no reason chosen, too many reports): the form again, with its errors.
      attach(box, link, document.importNode(form, true));
    } else {
      link.setAttribute("aria-expanded", "false");
      link.removeAttribute("data-report-link");
      link.replaceWith(document.createTextNode("Reported"));
    }
    var focusable = box.querySelector(".notice") || box.querySelector("input, textarea");
    if (focusable) {
      focusable.setAttribute("tabindex", "-1");
      focusable.focus();
    }
  }

  function attach(box, link, form) {
    var cancel = document.createElement("button");
    cancel.type = "button";
    cancel.className = "button button--secondary";
    cancel.textContent = "Cancel";
    cancel.addEventListener("click", function () { closeForm(box, link); });
    var buttons = form.querySelector(".report-form__buttons");
    if (buttons) buttons.appendChild(cancel);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var send = form.querySelector("[type=submit]");
      if (send) send.disabled = true;
      fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" })
        .then(function (response) { return response.text(); })
        .then(function (html) { showAnswer(box, link, html); })
        .catch(function () { form.submit(); });
    });
    box.appendChild(form);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-report-link]");
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    var article = link.closest("article");
    var open = article.querySelector(".report-box");
    if (open) { closeForm(open, link); return; }
    fetch(link.href, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) {
        var form = fromHtml(html, "[data-report-form]");
        if (!form) throw new Error("no form");
        var box = document.createElement("div");
        box.className = "comment-form-box report-box report-box--inline";
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", "Report this comment");
        attach(box, link, document.importNode(form, true));
        link.closest("p").after(box);
        link.setAttribute("aria-expanded", "true");
        var first = box.querySelector("input[type=radio]");
        if (first) first.focus();
      })
      .catch(function () { window.location.href = link.href; });
  });
})();
