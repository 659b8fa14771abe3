// After a failed submission: focus the error summary, and let its links focus their fields.
(function () {
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) return;
  summary.focus();
  // A form sent from a page reached by the skip link posts to ".../#main": once the page has
  // loaded, the browser moves focus to that fragment, away from the summary. Take it back.
  window.addEventListener("load", function () {
    setTimeout(function () {
      var target = location.hash && document.getElementById(location.hash.slice(1));
      if (target && document.activeElement === target) summary.focus();
    }, 0);
  });
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    var field = link && document.getElementById(link.hash.slice(1));
    if (!field) return;
    event.preventDefault();
    field.focus();
  });
})();
