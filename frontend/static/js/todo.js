// Drag and drop to reorder a list's open tasks. The new order is posted at once and the list stays
// as dropped; if the server refuses (the list changed in another tab), the page says so and reloads.
// The ↑ and ↓ buttons beside each task are the keyboard and no-script way to do the same.
(function () {
  'use strict';
  var list = document.getElementById('open-tasks');
  if (!list || !window.fetch) {
    return;
  }
  var status = document.getElementById('order-status');
  var token = document.querySelector('input[name="_csrf"]');
  var dragged = null;

  function order() {
    return Array.prototype.map.call(list.querySelectorAll(':scope > li.task'), function (item) {
      return item.getAttribute('data-task-id');
    });
  }

  function save(before) {
    var now = order();
    if (now.join(',') === before.join(',')) {
      return;
    }
    list.setAttribute('aria-busy', 'true');
    fetch(list.getAttribute('data-order-url'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: {'Content-Type': 'application/x-www-form-urlencoded', 'X-CSRF-TOKEN': token ? token.value : ''},
      body: 'ids=' + encodeURIComponent(now.join(','))
    }).then(function (response) {
      list.removeAttribute('aria-busy');
      if (response.ok) {
        list.setAttribute('data-saved-order', now.join(','));
        return;
      }
      return response.text().then(function (message) {
        status.textContent = message || 'The new order could not be saved; the list will reload.';
        status.hidden = false;
        setTimeout(function () { window.location.reload(); }, 2500);
      });
    });
  }

  var before = null;
  list.addEventListener('dragstart', function (event) {
    var item = event.target.closest && event.target.closest('li.task');
    if (!item || item.parentNode !== list) {
      return;
    }
    dragged = item;
    before = order();
    item.classList.add('dragging');
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData('text/plain', item.getAttribute('data-task-id'));
  });
  list.addEventListener('dragover', function (event) {
    if (!dragged) {
      return;
    }
    event.preventDefault();
    var over = event.target.closest && event.target.closest('li.task');
    if (!over || over === dragged || over.parentNode !== list) {
      return;
    }
    var box = over.getBoundingClientRect();
    var after = event.clientY > box.top + box.height / 2;
    list.insertBefore(dragged, after ? over.nextSibling : over);
  });
  list.addEventListener('drop', function (event) {
    if (dragged) {
      event.preventDefault();
    }
  });
  list.addEventListener('dragend', function () {
    if (!dragged) {
      return;
    }
    dragged.classList.remove('dragging');
    dragged = null;
    save(before);
  });
}());
