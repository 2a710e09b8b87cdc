// CPV picker: progressive enhancement of the CPV text fields (they work without JavaScript).
// Suggests codes with Norwegian labels from /behov/cpv.json while the user types.
(function () {
  "use strict";
  var ENDPOINT = "/behov/cpv.json?q=";

  function lastToken(input) {
    var parts = input.value.split(/[,;\n]/);
    return parts[parts.length - 1].trim();
  }

  function choose(input, code, label) {
    if (input.classList.contains("cpv-multi")) {
      var parts = input.value.split("\n");
      parts[parts.length - 1] = code + " " + label;
      input.value = parts.join("\n") + "\n";
    } else {
      input.value = code;
    }
    input.focus();
  }

  function enhance(input, index) {
    var list = document.createElement("ul");
    list.className = "cpv-suggestions";
    list.id = "cpv-suggestions-" + index;
    list.hidden = true;
    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    input.insertAdjacentElement("afterend", status);
    input.insertAdjacentElement("afterend", list);
    input.setAttribute("aria-controls", list.id);
    var timer = null;
    var seq = 0;

    function render(items) {
      list.innerHTML = "";
      items.forEach(function (item) {
        var li = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "ds-button";
        button.setAttribute("data-variant", "tertiary");
        button.setAttribute("data-size", "sm");
        button.textContent = item.code + " " + item.label;
        button.addEventListener("click", function () {
          choose(input, item.code, item.label);
          list.hidden = true;
          status.textContent = "";
        });
        li.appendChild(button);
        list.appendChild(li);
      });
      list.hidden = items.length === 0;
      status.textContent = items.length ? items.length + " forslag under feltet" : "";
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      var q = lastToken(input);
      if (q.length < 2) { render([]); return; }
      timer = setTimeout(function () {
        var mine = ++seq;
        fetch(ENDPOINT + encodeURIComponent(q), { headers: { "Accept": "application/json" } })
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(function (items) { if (mine === seq) { render(items); } })
          .catch(function () { render([]); });
      }, 200);
    });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { list.hidden = true; }
      if (e.key === "ArrowDown" && !list.hidden) {
        var first = list.querySelector("button");
        if (first) { e.preventDefault(); first.focus(); }
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("input.cpv-input, textarea.cpv-input"), enhance);
  });
})();
