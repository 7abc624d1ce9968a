// nianbao serve: small enhancements; every page works without script.
(function () {
  "use strict";
  // Upload form: drag and drop onto the zone, list the chosen files, and
  // say that the server is parsing while the upload runs.
  var zone = document.getElementById("dropzone");
  var input = document.getElementById("files");
  var list = document.getElementById("chosen");
  function show() {
    if (!list || !input) return;
    list.textContent = "";
    for (var i = 0; i < input.files.length; i++) {
      var li = document.createElement("li");
      var f = input.files[i];
      li.textContent = f.name + "（" + Math.max(1, Math.round(f.size / 1024)) + " KB）";
      list.appendChild(li);
    }
  }
  if (zone && input) {
    ["dragenter", "dragover"].forEach(function (ev) {
      zone.addEventListener(ev, function (e) { e.preventDefault(); zone.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (ev) {
      zone.addEventListener(ev, function (e) { e.preventDefault(); zone.classList.remove("over"); });
    });
    zone.addEventListener("drop", function (e) {
      if (e.dataTransfer && e.dataTransfer.files.length) {
        input.files = e.dataTransfer.files;
        show();
      }
    });
    input.addEventListener("change", show);
  }
  var form = document.getElementById("checkform");
  if (form) {
    form.addEventListener("submit", function () {
      var b = form.querySelector("button[type=submit]");
      if (b) { b.disabled = true; b.textContent = "正在解析和审核……"; }
    });
  }
  // Evidence: bring the marked cell or line into view.
  var mark = document.getElementById("mark");
  if (mark && mark.scrollIntoView) {
    mark.scrollIntoView({block: "center"});
  }
  // Filter forms: changing a select applies it.
  document.querySelectorAll("form.filters select").forEach(function (s) {
    s.addEventListener("change", function () { s.form.submit(); });
  });
})();
