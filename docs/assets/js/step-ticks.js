// "I tried this" on each step heading. Kept in this browser only (localStorage), so the
// support request form can tick the same steps for the agent.
const KEY = "help.ticks.v1";

function read() {
  try {
    const data = JSON.parse(localStorage.getItem(KEY));
    return data && data.v === 1 && data.steps && typeof data.steps === "object" ? data.steps : {};
  } catch {
    return {}; // corrupt or storage off: start empty
  }
}

const label = document.querySelector('script[src$="step-ticks.js"]')?.dataset.label || "I tried this";
for (const heading of document.querySelectorAll("h2.step[data-step]:not(.reference)")) {
  const id = heading.dataset.step;
  const box = document.createElement("input");
  box.type = "checkbox";
  box.id = `tick-${id}`;
  box.checked = Boolean(read()[id]);
  box.setAttribute("aria-describedby", heading.id);
  box.addEventListener("change", () => {
    const steps = read(); // another tab may have ticked meanwhile
    if (box.checked) steps[id] = Date.now();
    else delete steps[id];
    try { localStorage.setItem(KEY, JSON.stringify({ v: 1, steps })); } catch { /* storage off: the tick stays on screen */ }
  });
  const text = document.createElement("label");
  text.htmlFor = box.id;
  text.textContent = ` ${label}`;
  const line = document.createElement("p");
  line.className = "step-tick";
  line.append(box, text);
  heading.after(line);
}
