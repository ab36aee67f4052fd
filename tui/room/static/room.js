// The room's page, a little smarter: follow the meeting, and keep notes while the Wi-Fi is gone.
// Without this script the page still works as plain forms.
(function () {
  "use strict";
  var QUEUE = "terugblik-queue";
  var body = document.body;

  function newKey() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function load() {
    try { return JSON.parse(window.localStorage.getItem(QUEUE) || "[]"); } catch (e) { return []; }
  }

  function store(queue) {
    try { window.localStorage.setItem(QUEUE, JSON.stringify(queue)); } catch (e) { /* private mode */ }
  }

  function show(sent, waiting) {
    var status = document.querySelector("[data-status]");
    var queued = document.querySelector("[data-queued]");
    if (status && sent) { status.textContent = status.getAttribute("data-sent"); }
    if (queued) { queued.hidden = !waiting; }
  }

  var sending = false;
  function flush() {
    var queue = load();
    if (sending || queue.length === 0) { show(false, false); return; }
    sending = true;
    var item = queue[0];
    fetch("/send", {
      method: "POST", credentials: "same-origin",
      headers: { "Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(item).toString()
    }).then(function (response) {
      sending = false;
      if (response.status >= 500 || response.status === 429) { show(false, true); return; }
      store(load().filter(function (other) { return other.key !== item.key; }));
      if (response.ok) { show(true, false); }
      else { response.json().then(function (data) { alert(data.error); }, function () {}); }
      flush();
    }, function () { sending = false; show(false, true); });
  }

  document.querySelectorAll("form[data-queue]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var item = {};
      new FormData(form).forEach(function (value, name) { item[name] = value; });
      item.key = newKey();  // a new key per note: sent twice, it still counts once
      var queue = load();
      queue.push(item);
      store(queue);
      form.reset();
      flush();
    });
  });

  var follow = body.getAttribute("data-follow");
  function typing() {
    return Array.prototype.some.call(document.querySelectorAll("textarea, input[name=name]"),
      function (field) { return field.value.trim() !== ""; });
  }
  var misses = 0;
  function reachable(yes) {
    misses = yes ? 0 : misses + 1;
    var offline = document.querySelector("[data-offline]");
    if (offline) { offline.hidden = misses < 2; }  // one lost answer is the Wi-Fi; two, say so
  }
  if (follow !== null) {
    window.setInterval(function () {
      fetch("/state", { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) {
          if (response.status === 403) { window.location.replace("/"); return null; }  // removed, or the room closed
          return response.json();
        })
        .then(function (state) {
          if (state === null) { return; }
          reachable(true);
          if (state.phase !== follow && !typing()) { window.location.replace("/"); }
        })
        .catch(function () { reachable(false); });
    }, 3000);
  }
  window.addEventListener("online", flush);
  window.setInterval(flush, 5000);
  flush();
}());
