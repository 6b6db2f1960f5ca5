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

  // The picture picker: shares the picture, then writes its Markdown where the cursor is.
  var token = form.querySelector('input[name="_csrf"]');
  Array.prototype.forEach.call(document.querySelectorAll('.picker-item'), function (button) {
    button.addEventListener('click', function () {
      var headers = {'Accept': 'application/json'};
      if (token) {
        headers['X-CSRF-TOKEN'] = token.value;
      }
      fetch('/images/' + button.getAttribute('data-image-id') + '/share',
        {method: 'POST', headers: headers, credentials: 'same-origin'})
        .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
        .then(function (picture) {
          var alt = picture.alt.replace(/[\[\]]/g, '');
          var markdown = '![' + alt + '](' + picture.url + ')';
          var start = body.selectionStart || body.value.length;
          var end = body.selectionEnd || start;
          var before = body.value.slice(0, start);
          var spacer = before && !/\n\n$/.test(before) ? '\n\n' : '';
          body.value = before + spacer + markdown + '\n\n' + body.value.slice(end);
          body.dispatchEvent(new Event('input'));
          body.focus();
        })
        .catch(function () { button.title = 'Could not insert this picture. Try again.'; });
    });
  });
})();
