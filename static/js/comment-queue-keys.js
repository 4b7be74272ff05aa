// Keyboard shortcuts for comment moderation, as Coral Talk has them (listed on each page):
// in the queue, j and k move between comments, Enter opens one, a approves it and r rejects
// it; on a comment's page, j and k open the next and previous comment of the same view of the
// queue, a approves and r rejects. Never while the moderator is typing in a field.
(function () {
  var config = window.wagtailConfig;
  if (config && config.STRINGS && config.STRINGS.BULK_ACTIONS) {
    // Wagtail's bulk bar counts "snippets"; these are comments.
    config.STRINGS.BULK_ACTIONS.COMMENT = {
      SINGULAR: "1 comment selected",
      PLURAL: "%(objects)s comments selected",
      ALL: "All %(objects)s comments on this screen selected",
      ALL_IN_LISTING: "All comments in this view of the queue selected",
    };
  }

  var NOT_TYPING = ["checkbox", "radio", "button", "submit", "reset"];

  function typing(event) {
    var target = event.target;
    if (!target || !target.closest) return false;
    if (target.tagName === "INPUT") return NOT_TYPING.indexOf(target.type) < 0;
    return Boolean(
      target.isContentEditable ||
        target.closest("textarea, select, [contenteditable], [role=dialog], .w-dialog")
    );
  }

  function queueLinks() {
    return Array.prototype.slice.call(
      document.querySelectorAll("#listing-results [data-queue-comment]")
    );
  }

  function current(links) {
    var index = links.indexOf(document.activeElement);
    if (index >= 0) return index;
    var marked = document.querySelector("#listing-results tr.comment-row--current [data-queue-comment]");
    return marked ? links.indexOf(marked) : -1;
  }

  function select(links, index) {
    if (!links.length) return;
    index = Math.max(0, Math.min(index, links.length - 1));
    links.forEach(function (link) {
      var row = link.closest("tr");
      if (row) row.classList.remove("comment-row--current");
    });
    var link = links[index];
    var row = link.closest("tr");
    if (row) row.classList.add("comment-row--current");
    link.focus();
    link.scrollIntoView({ block: "nearest" });
  }

  function decideInQueue(link, action) {
    var form = document.querySelector("[data-queue-key-form]");
    if (!form) return;
    form.action = link.dataset.moderateUrl;
    form.elements.action.value = action;
    form.elements["reject-reason"].value = link.dataset.rejectReason || "";
    // This view of the queue as it is now (filters change it without reloading the page).
    var params = new URLSearchParams(window.location.search);
    params.delete("_w_filter_fragment");
    var query = params.toString();
    form.elements.next.value = window.location.pathname + (query ? "?" + query : "");
    form.submit();
  }

  function onQueueKey(event) {
    var links = queueLinks();
    if (!links.length) return;
    var index = current(links);
    if (event.key === "j") {
      event.preventDefault();
      select(links, index + 1);
    } else if (event.key === "k") {
      event.preventDefault();
      select(links, index < 0 ? 0 : index - 1);
    } else if ((event.key === "a" || event.key === "r") && index >= 0) {
      event.preventDefault();
      var link = links[index];
      if (event.key === "a") {
        decideInQueue(link, "approve");
      } else if (link.dataset.rejectReason) {
        decideInQueue(link, "reject");
      } else {
        // No reason to reject with yet: the comment's page asks for one.
        window.location.href = link.href + "#reject";
      }
    }
  }

  function onCommentKey(event, page) {
    if (event.key === "j" && page.dataset.nextUrl) {
      event.preventDefault();
      window.location.href = page.dataset.nextUrl;
    } else if (event.key === "k" && page.dataset.previousUrl) {
      event.preventDefault();
      window.location.href = page.dataset.previousUrl;
    } else if (event.key === "a") {
      var approve = page.querySelector("[data-approve]");
      if (approve) {
        event.preventDefault();
        approve.click();
      }
    } else if (event.key === "r") {
      var form = page.querySelector("[data-reject-form]");
      if (!form) return;
      event.preventDefault();
      if (page.dataset.rejectReady === "true") {
        form.requestSubmit();
      } else {
        form.querySelector("select").focus();
      }
    }
  }

  var commentPage = document.querySelector("[data-moderate-comment]");
  if (commentPage && window.location.hash === "#reject") {
    var reason = commentPage.querySelector("[data-reject-form] select");
    if (reason) reason.focus();
  }

  // Back from a decision: the queue opens at the comment that now comes next.
  var match = /^#snippet_(\d+)_title$/.exec(window.location.hash);
  if (match) {
    var links = queueLinks();
    var target = document.getElementById("snippet_" + match[1] + "_title");
    if (target && links.indexOf(target) >= 0) select(links, links.indexOf(target));
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing(event)) return;
    if (commentPage) onCommentKey(event, commentPage);
    else onQueueKey(event);
  });
})();
