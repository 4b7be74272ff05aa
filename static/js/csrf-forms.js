// Forms on cached pages carry no CSRF token (a cached page is shared by every visitor). When
// such a form is sent, fetch a token for this visitor first, then send it. Without JavaScript
// the server shows a page that offers to send the same data again.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!form.matches("form[data-csrf]") || form.querySelector("[name=csrfmiddlewaretoken]")) return;
  event.preventDefault();
  fetch("/api/csrf/", { credentials: "same-origin", cache: "no-store" })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var input = document.createElement("input");
      input.type = "hidden";
      input.name = "csrfmiddlewaretoken";
      input.value = data.token;
      form.appendChild(input);
    })
    .finally(function () { HTMLFormElement.prototype.submit.call(form); });
});
