// On a phone the main menu folds behind a "Meny" button (styring.css shows the button below 40rem);
// without JavaScript the menu is simply shown in full.
(function () {
  "use strict";
  const nav = document.querySelector(".st-nav");
  const list = nav && nav.querySelector("ul");
  if (!list) return;
  list.id = list.id || "hovedmeny";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "ds-button st-nav__toggle";
  button.dataset.variant = "secondary";
  button.dataset.size = "sm";
  button.setAttribute("aria-controls", list.id);
  button.setAttribute("aria-expanded", "false");
  const current = list.querySelector('[aria-current="page"]');
  button.textContent = current ? "Meny: " + current.textContent.trim() : "Meny";
  button.addEventListener("click", function () {
    button.setAttribute("aria-expanded", String(button.getAttribute("aria-expanded") !== "true"));
  });
  nav.classList.add("st-nav--foldable");
  nav.insertBefore(button, list);
})();
