// Progressive enhancement only: every core journey works without this file.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-autofocus]");
  if (summary) summary.focus();
});
