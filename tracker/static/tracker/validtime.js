// Command forms: show only the valid-time fields that the chosen kind of time uses.
// Without this script every field stays visible and the form still works.
"use strict";
(function () {
  const FIELDS = {
    exact: ["at"], hour: ["at"], day: ["day"], range: ["range_from", "range_to"],
    anchor: ["anchor_event", "offset_hours"], keep: []
  };
  const ALL = ["at", "day", "range_from", "range_to", "anchor_event", "offset_hours"];

  function update(form) {
    const chosen = form.querySelector('input[name="time_kind"]:checked');
    const shown = FIELDS[chosen ? chosen.value : ""] || ALL;
    for (const name of ALL) {
      const row = form.querySelector('.form-row[data-field="' + name + '"]');
      if (row) { row.hidden = !shown.includes(name) && !row.classList.contains("errors"); }
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    const form = document.getElementById("command-form");
    if (!form || !form.querySelector('input[name="time_kind"]')) { return; }
    form.addEventListener("change", function (event) {
      if (event.target.name === "time_kind") { update(form); }
    });
    update(form);
  });
})();
