/* Copy buttons of the citation boxes (document page). Without this script the buttons stay
 * hidden and the boxes are read-only text to select and copy by hand. */
(() => {
  "use strict";
  for (const button of document.querySelectorAll("button[data-copy]")) {
    const box = document.getElementById(button.dataset.copy);
    if (!box) continue;
    const label = button.textContent;
    box.addEventListener("focus", () => box.select());
    button.hidden = false;
    button.addEventListener("click", async () => {
      box.select();
      try {
        await navigator.clipboard.writeText(box.value);
      } catch {
        document.execCommand("copy"); // an insecure origin (plain http on an intranet)
      }
      button.textContent = button.dataset.copied;
      setTimeout(() => { button.textContent = label; }, 2000);
    });
  }
})();
