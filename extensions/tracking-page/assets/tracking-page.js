// Progressive enhancement of the tracking block: forms post in the background and their server-rendered answer
// goes into the block's live region. Without this script (or on a network error) the form posts normally.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("[data-pw-block] form[data-pw-track]")) return;
    var region = form.closest("[data-pw-block]").querySelector("[data-pw-results]");
    if (!region) return;
    event.preventDefault();
    if (region.getAttribute("aria-busy")) return;
    var body = new URLSearchParams(new FormData(form));
    body.set("fragment", "1");
    region.setAttribute("aria-busy", "true");
    fetch(form.getAttribute("action"), {
      method: "POST",
      body: body,
      headers: { Accept: "text/html" },
      credentials: "same-origin",
    })
      .then(function (response) {
        if (!response.ok && response.status !== 429) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) {
        region.innerHTML = html;
        region.removeAttribute("aria-busy");
        var target = region.querySelector("[tabindex='-1']");
        if (target) target.focus();
      })
      .catch(function () {
        region.removeAttribute("aria-busy");
        form.submit();
      });
  });
})();
