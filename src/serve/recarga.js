// Injected by `ssme serve` only: reloads the page after a good build and shows the error of a
// failed one over the page until the next good build.
(function () {
  // The private cards are built after the site: each page follows its own tree.
  var tree = location.pathname.indexOf("/privado/") === 0 ? "fichas" : "generacion";
  var generation = tree === "fichas" ? __FICHAS__ : __GENERACION__;
  var events = new EventSource("__EVENTOS__");
  function overlay(text) {
    var box = document.getElementById("ssme-error");
    if (!box) {
      box = document.createElement("div");
      box.id = "ssme-error";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
        "background:rgba(40,0,0,.92);color:#fff;padding:2rem;font:15px/1.5 system-ui,sans-serif";
      var title = document.createElement("h2");
      title.style.marginTop = "0";
      title.textContent = "La construcción falló: se muestra el último sitio correcto";
      var pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;font:14px/1.5 monospace";
      box.appendChild(title);
      box.appendChild(pre);
      document.body.appendChild(box);
    }
    box.querySelector("pre").textContent = text;
  }
  events.addEventListener("estado", function (e) {
    var status = JSON.parse(e.data);
    if (status.error) {
      overlay(status.error);
    } else if (status[tree] !== generation) {
      events.close();
      location.reload();
    } else {
      var box = document.getElementById("ssme-error");
      if (box) box.remove();
    }
  });
})();
