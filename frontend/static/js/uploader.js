// Uploads each chosen or dropped picture in its own request, with a real progress bar (XHR upload
// progress events), and adds its thumbnail to the grid. Without JavaScript the form posts all
// files at once and the page lists what became of each.
(function () {
  'use strict';
  var form = document.getElementById('upload-form');
  var input = document.getElementById('files');
  var list = document.getElementById('upload-progress');
  var grid = document.getElementById('image-grid');
  if (!form || !input || !list || !window.FormData || !window.XMLHttpRequest) {
    return;
  }
  var tokenField = form.querySelector('input[name="_csrf"]');
  var button = document.getElementById('upload-button');
  if (button) {
    button.hidden = true;
  }

  function row(file) {
    var item = document.createElement('li');
    var name = document.createElement('span');
    name.className = 'name';
    name.textContent = file.name;
    var bar = document.createElement('progress');
    bar.max = 100;
    bar.value = 0;
    var status = document.createElement('span');
    status.className = 'status';
    status.textContent = 'waiting';
    item.appendChild(name);
    item.appendChild(bar);
    item.appendChild(status);
    list.appendChild(item);
    return {item: item, bar: bar, status: status};
  }

  function addThumbnail(id) {
    var empty = document.getElementById('no-images');
    if (empty) {
      empty.hidden = true;
    }
    if (!grid) {
      return;
    }
    var item = document.createElement('li');
    var link = document.createElement('a');
    link.href = '/images/' + id;
    var img = document.createElement('img');
    img.src = '/images/' + id + '/thumbnail/320';
    img.alt = '';
    img.width = 320;
    img.height = 320;
    link.appendChild(img);
    item.appendChild(link);
    grid.insertBefore(item, grid.firstChild);
  }

  function upload(file, view) {
    return new Promise(function (resolve) {
      var data = new FormData();
      data.append('files', file, file.name);
      var request = new XMLHttpRequest();
      request.open('POST', form.action);
      request.setRequestHeader('Accept', 'application/json');
      if (tokenField) {
        request.setRequestHeader('X-CSRF-TOKEN', tokenField.value);
      }
      request.upload.addEventListener('progress', function (event) {
        if (event.lengthComputable) {
          view.bar.value = Math.round(event.loaded * 100 / event.total);
          view.status.textContent = view.bar.value + '%';
        }
      });
      request.addEventListener('load', function () {
        var result = null;
        try {
          result = JSON.parse(request.responseText)[0];
        } catch (e) { /* not JSON: a 413 or an error page */ }
        view.bar.value = 100;
        if (result && result.outcome !== 'REFUSED') {
          view.item.className = 'ok';
          view.status.textContent = result.message;
          if (result.outcome === 'STORED') {
            addThumbnail(result.imageId);
          }
        } else {
          view.item.className = 'refused';
          view.status.textContent = result ? result.message
            : request.status === 413 ? 'This file is too large.'
            : request.status === 503 ? 'The server is busy; please try this file again in a minute.'
            : 'The upload failed (' + request.status + ').';
        }
        resolve();
      });
      request.addEventListener('error', function () {
        view.item.className = 'refused';
        view.status.textContent = 'The connection failed. Try again.';
        resolve();
      });
      view.status.textContent = 'uploading';
      request.send(data);
    });
  }

  function uploadAll(files) {
    var views = Array.prototype.map.call(files, row);
    // One after another, so each bar moves at full speed and the server decodes one picture at a time.
    return Array.prototype.reduce.call(files, function (previous, file, index) {
      return previous.then(function () { return upload(file, views[index]); });
    }, Promise.resolve());
  }

  input.addEventListener('change', function () {
    if (input.files.length) {
      uploadAll(input.files).then(function () { input.value = ''; });
    }
  });
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    if (input.files.length) {
      uploadAll(input.files);
    }
  });
  ['dragenter', 'dragover'].forEach(function (type) {
    form.addEventListener(type, function (event) {
      event.preventDefault();
      form.classList.add('dragging');
    });
  });
  ['dragleave', 'drop'].forEach(function (type) {
    form.addEventListener(type, function () { form.classList.remove('dragging'); });
  });
  form.addEventListener('drop', function (event) {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length) {
      uploadAll(event.dataTransfer.files);
    }
  });
})();
