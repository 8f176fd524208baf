// Last resort: if the app's module fails to load at all, say so instead of a blank page.
// A file of its own (not inline in index.html): the Content Security Policy refuses inline script.
window.addEventListener('error', function (e) {
  if (document.body && document.body.dataset.ready) return;
  var app = document.getElementById('app') || document.getElementById('trainer');
  if (!app || app.childElementCount) return;
  var box = document.createElement('pre');
  box.className = 'boot-error';
  box.setAttribute('role', 'alert');
  box.textContent = 'kube-sim could not start / tidak dapat dimulai: ' + (e.message || 'a script failed to load');
  app.appendChild(box);
}, true);
