// The comment section under a story, enhanced. Without JavaScript every part still works:
// "Reply" opens the reply page, and the page shown after posting holds the author's comment
// with its Edit and Delete links.
//
// 1. "Reply" opens the reply form in place, under the comment; focus moves into it, and
//    Escape or Cancel closes it and returns focus to "Reply".
//    The form above the conversations opens out when used.
// 2. A browser that has commented (the "commented" cookie says only that) asks the server for
//    its own comments on this page: those still waiting are shown marked "Awaiting
//    moderation", and its published ones get Edit and Delete. The page itself is the same for
//    every reader, from the cache; this answer is this browser's alone, and never cached.
(function () {
  var section = document.querySelector("section.comments[data-comments-page]");
  if (!section) return;
  var template = document.getElementById("comment-reply-template");
  var open = null; // {box, link}

  function closeReply(returnFocus) {
    if (!open) return;
    var link = open.link;
    open.box.remove();
    link.setAttribute("aria-expanded", "false");
    open = null;
    if (returnFocus) link.focus();
  }

  function openReply(link) {
    var id = link.dataset.reply;
    if (open && open.link === link) {
      open.box.querySelector("input:not([type=hidden]), textarea").focus();
      return;
    }
    closeReply(false);
    var box = template.content.firstElementChild.cloneNode(true);
    box.id = "reply-form-" + id;
    box.querySelector("[data-reply-name]").textContent = link.dataset.replyName || "";
    box.setAttribute("aria-label", "Reply to " + (link.dataset.replyName || "this comment"));
    box.querySelector("input[name=parent]").value = id;
    var article = link.closest("article");
    article.insertAdjacentElement("afterend", box);
    link.setAttribute("aria-expanded", "true");
    link.setAttribute("aria-controls", box.id);
    open = { box: box, link: link };
    box.querySelector("[data-reply-cancel]").addEventListener("click", function () {
      closeReply(true);
    });
    box.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        event.preventDefault();
        closeReply(true);
      }
    });
    box.querySelector("input:not([type=hidden]):not([tabindex='-1']), textarea").focus();
  }

  // The form above the conversations shows only the comment box until it is used: name,
  // email and the rest come below it on focus, so the conversations start higher up.
  section.querySelectorAll("form[data-compact]").forEach(function (form) {
    form.classList.add("comment-form--compact");
    form.addEventListener("focusin", function () {
      form.classList.remove("comment-form--compact");
    });
  });

  if (template) {
    section.addEventListener("click", function (event) {
      var link = event.target.closest("a[data-reply]");
      if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
      event.preventDefault();
      openReply(link);
    });
    section.querySelectorAll("a[data-reply]").forEach(function (link) {
      link.setAttribute("aria-expanded", "false");
    });
  }

  function fragment(html) {
    var holder = document.createElement("template");
    holder.innerHTML = html.trim();
    return holder.content.firstElementChild;
  }

  function showWaiting(item) {
    if (document.getElementById("comment-" + item.id)) return;
    var comment = fragment(item.html);
    var parent = item.parent && document.getElementById("comment-" + item.parent);
    if (parent) {
      var replies = parent.querySelector(":scope > .comment-list--replies");
      if (!replies) {
        replies = document.createElement("ol");
        replies.className = "comment-list comment-list--replies";
        parent.appendChild(replies);
      }
      replies.appendChild(comment);
      return;
    }
    var list = section.querySelector("[data-comment-list]");
    if (!list) return;
    list.insertBefore(comment, list.firstChild);
    var empty = section.querySelector(":scope > .empty");
    if (empty) empty.hidden = true;
  }

  function showOwn(item) {
    var comment = document.getElementById("comment-" + item.id);
    var actions = comment && comment.querySelector(":scope > article .comment__actions");
    if (!actions || actions.querySelector(".comment__own")) return;
    actions.appendChild(fragment(item.html));
  }

  if (!/(^|;\s*)commented=/.test(document.cookie)) return;
  fetch(section.dataset.mineUrl, {
    credentials: "same-origin",
    headers: { Accept: "application/json" },
  })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) {
      if (!data) return;
      data.waiting.forEach(showWaiting);
      data.own.forEach(showOwn);
    })
    .catch(function () {});
})();
