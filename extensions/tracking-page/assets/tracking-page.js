// Show lookup results in the live region; on any error, submit normally.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("form[data-pw-track]")) return;
    var region = form.parentNode.querySelector("[data-pw-results]");
    if (!region) return;
    event.preventDefault();
    if (region.getAttribute("aria-busy")) return;
    var params = new URLSearchParams(new FormData(form));
    params.set("fragment", "1");
    region.setAttribute("aria-busy", "true");
    fetch(form.getAttribute("action") + "?" + params, { headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) {
        region.innerHTML = html;
        region.removeAttribute("aria-busy");
      })
      .catch(function () {
        region.removeAttribute("aria-busy");
        form.submit();
      });
  });
})();
