// Progressive enhancement of schema forms: conditional fields and province → commune pickers.
// Without JavaScript every field shows with a note saying when to fill it in, and the commune
// list appears once the form is checked with a province chosen.
(function () {
  "use strict";
  function valueOf(form, name) {
    var inputs = form.querySelectorAll('[name="' + name + '"]');
    for (var i = 0; i < inputs.length; i++) {
      var input = inputs[i];
      if ((input.type === "radio" || input.type === "checkbox")) { if (input.checked) return input.value; }
      else return input.value;
    }
    return "";
  }
  function refresh(form) {
    form.querySelectorAll("[data-show-if]").forEach(function (field) {
      var shown = field.dataset.showValue.split(" ").indexOf(valueOf(form, field.dataset.showIf)) !== -1;
      field.hidden = !shown;
      field.querySelectorAll("input, select, textarea").forEach(function (el) { el.disabled = !shown; });
    });
  }
  function wireAddress(group) {
    var province = group.querySelector('[data-role="province"]');
    var commune = group.querySelector('[data-role="commune"]');
    var url = group.dataset.communesUrl;
    if (!province || !commune || !url) return;
    // The empty choice's text comes from the page, in the page's language ("— Chọn —").
    var placeholder = commune.options.length ? commune.options[0].textContent : "—";
    // A keyboard user arrows through the provinces: one change, one request each. Only the
    // answer for the province chosen now may fill the list (earlier answers arrive late).
    var latest = 0;
    province.addEventListener("change", function () {
      var asked = ++latest;
      commune.innerHTML = "";
      var empty = document.createElement("option");
      empty.value = ""; empty.textContent = placeholder; commune.appendChild(empty);
      if (!province.value) return;
      fetch(url + encodeURIComponent(province.value) + "/", { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { communes: [] }; })
        .then(function (data) {
          if (asked !== latest) return;
          data.communes.forEach(function (c) {
            var option = document.createElement("option");
            option.value = c.code; option.textContent = c.name; commune.appendChild(option);
          });
        });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.schema-form").forEach(function (form) {
      refresh(form);
      form.addEventListener("change", function () { refresh(form); });
      form.querySelectorAll("[data-address]").forEach(wireAddress);
      var summary = form.querySelector(".error-summary");
      if (summary) summary.focus();
    });
  });
})();
