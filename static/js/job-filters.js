// The offer list's filters (templates/jobs/job_list.html). Everything works without this file;
// it only spares a round trip and keeps old browsers right.
(function () {
  "use strict";

  var form = document.getElementById("job-filters");
  var panel = document.getElementById("filtres");
  if (!form || !panel) {
    return;
  }

  // Fields left empty and the default sort are not sent: the address stays
  // « /offres/?domaine=numerique », not « ?q=&localisation=&tri=recent » (the server would
  // redirect to it anyway).
  var defaults = { tri: "recent", page: "1" };
  form.addEventListener("formdata", function (event) {
    var data = event.formData;
    var kept = [];
    data.forEach(function (value, name) {
      if (String(value).trim() !== "" && defaults[name] !== value) {
        kept.push([name, value]);
      }
    });
    Array.from(new Set(Array.from(data.keys()))).forEach(function (name) {
      data.delete(name);
    });
    kept.forEach(function (pair) {
      data.append(pair[0], pair[1]);
    });
  });

  // From md up the filters are always shown beside the offers. jobs.css does it where the
  // browser can style a closed <details>; elsewhere the panel is opened here.
  var wide = window.matchMedia("(min-width: 48em)");
  function follow() {
    panel.open = wide.matches;
  }
  follow();
  if (wide.addEventListener) {
    wide.addEventListener("change", follow);
  }
})();
