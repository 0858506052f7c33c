// Opened from disk (file://), module scripts, workers and fetch do not run, so the check
// widgets never start: show each widget's notice on serving the folder instead of the
// "needs JavaScript" line. A classic script, because module scripts do not load from file://.
(function () {
  // The support request's printable blank form stands in for the builder wherever it cannot run.
  var blank = document.getElementById("rq-blank");
  if (blank && (location.protocol === "file:" || !("noModule" in HTMLScriptElement.prototype))) {
    blank.hidden = false;
    document.getElementById("rq-form").hidden = true;
  }
  if (location.protocol !== "file:") return;
  for (const notice of document.querySelectorAll(".help-file-notice")) {
    notice.hidden = false;
    const fallback = notice.parentElement.querySelector(".ck-fallback");
    if (fallback) fallback.hidden = true;
  }
})();
