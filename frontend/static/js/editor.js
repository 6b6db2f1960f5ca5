// Live preview for the post editor: re-renders the Markdown on the server a moment after typing
// stops. Without JavaScript the Preview button does the same with a full page.
(function () {
  'use strict';
  var form = document.getElementById('post-editor');
  var body = document.getElementById('bodyMarkdown');
  var preview = document.getElementById('preview');
  if (!form || !body || !preview || !window.fetch) {
    return;
  }
  var timer = null;
  function refresh() {
    var data = new URLSearchParams(new FormData(form));
    fetch('/blog/preview', {method: 'POST', body: data, credentials: 'same-origin'})
      .then(function (response) { return response.text().then(function (text) { return {ok: response.ok, text: text}; }); })
      .then(function (result) {
        if (result.ok) {
          preview.innerHTML = result.text; // sanitized on the server
        } else {
          preview.textContent = result.text;
        }
      })
      .catch(function () { /* offline: the Preview button still works */ });
  }
  body.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 400);
  });
})();
