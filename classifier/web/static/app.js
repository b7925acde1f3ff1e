// Enhancements only: the form posts and the result page renders without this file.
// It offers only the categories open in the chosen year, counts characters, and stops an
// empty form, a too-long text or a too-large file before anything is sent.
(function () {
  "use strict";
  var form = document.getElementById("check-form");
  if (!form) return;
  var text = form.querySelector("#text");
  var file = form.querySelector("#file");
  var year = form.querySelector("#year");
  var applied = form.querySelector("#applied_category");
  var hint = form.querySelector("#text-hint");
  var status = form.querySelector("#status");
  var submit = form.querySelector("button.primary");
  var maxChars = Number(text.dataset.maxChars);
  var maxBytes = Number(file.dataset.maxBytes);
  var idleLabel = submit.textContent;

  function filterCategories() {
    Array.prototype.forEach.call(applied.options, function (option) {
      if (!option.value) return;
      var open = option.dataset.years.split(" ").indexOf(year.value) >= 0;
      option.disabled = !open;
      if (!open && option.selected) applied.value = "";
    });
  }

  function countCharacters() {
    var count = text.value.length;
    hint.textContent = count.toLocaleString() + " / " + maxChars.toLocaleString();
    hint.classList.toggle("over", count > maxChars);
  }

  function problem() {
    var chosen = file.files && file.files.length ? file.files[0] : null;
    if (chosen && chosen.size > maxBytes) return form.dataset.msgFileTooBig;
    if (!chosen && !text.value.trim()) return form.dataset.msgEmpty;
    if (!chosen && text.value.length > maxChars) return form.dataset.msgTooLong;
    return "";
  }

  form.addEventListener("submit", function (event) {
    var message = problem();
    if (message) {
      event.preventDefault();
      status.textContent = message;
      status.classList.add("error");
      return;
    }
    status.classList.remove("error");
    status.textContent = submit.dataset.busy;
    submit.disabled = true;
    submit.textContent = submit.dataset.busy;
  });
  // Coming back with the Back button shows the page from cache: make the button usable again.
  window.addEventListener("pageshow", function () {
    submit.disabled = false;
    submit.textContent = idleLabel;
    status.textContent = "";
  });
  year.addEventListener("change", filterCategories);
  text.addEventListener("input", countCharacters);
  filterCategories();
  if (text.value) countCharacters();
})();
