// Printing expands collapsed blocks; print CSS (site.css) shows every content tab.
// CSS alone covers Chromium (::details-content); this covers the other browsers.
const opened = [];
window.addEventListener("beforeprint", () => {
  for (const details of document.querySelectorAll("details:not([open])")) {
    details.open = true;
    opened.push(details);
  }
});
window.addEventListener("afterprint", () => {
  while (opened.length) opened.pop().open = false;
});

// Label each tab's content so the printed page says which OS or browser it is for.
for (const set of document.querySelectorAll(".tabbed-set")) {
  const labels = set.querySelectorAll(":scope > .tabbed-labels > label");
  set.querySelectorAll(":scope > .tabbed-content > .tabbed-block").forEach((block, i) => {
    if (labels[i]) block.dataset.printLabel = labels[i].textContent.trim();
  });
}

// External links print their target (print.css); not twice when the link text already shows it.
for (const a of document.querySelectorAll('.md-typeset a[href^="http"]')) {
  const text = a.textContent.trim().replace(/\/$/, "");
  const href = a.getAttribute("href").replace(/\/$/, "");
  if (text === href || text === href.replace(/^https?:\/\//, "")) a.classList.add("print-shows-url");
}
