// The to-do pages without full reloads: ticking a task done posts its small form and swaps in the
// page's new content; dragging a task (by ⠿) reorders the list and posts the new order at once.
// Without this script the tick is a plain form post and the ↑ / ↓ buttons move tasks; they are
// also the keyboard way to reorder. Handlers sit on the document, so swapped-in content needs none.
(function () {
  'use strict';
  if (!window.fetch || !window.DOMParser) {
    return;
  }

  function token() {
    var field = document.querySelector('input[name="_csrf"]');
    return field ? field.value : '';
  }

  function openList() {
    return document.getElementById('open-tasks');
  }

  function replaceMain(html) {
    var fresh = new DOMParser().parseFromString(html, 'text/html').querySelector('main');
    var current = document.querySelector('main');
    if (!fresh || !current) {
      throw new Error('no content');
    }
    current.replaceWith(fresh);
  }

  function swapMain(url) {
    return fetch(url, {credentials: 'same-origin'}).then(function (response) {
      if (!response.ok) {
        throw new Error(response.status);
      }
      return response.text();
    }).then(replaceMain);
  }

  // Ticking done: the same POST the form makes; the answer is the page to show, whose <main> replaces ours.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains('toggle')) {
      return;
    }
    event.preventDefault();
    var button = form.querySelector('button');
    button.disabled = true;
    fetch(form.action, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {'Content-Type': 'application/x-www-form-urlencoded'},
      body: new URLSearchParams(new FormData(form)).toString()
    }).then(function (response) {
      if (!response.ok) {
        throw new Error(response.status);
      }
      return response.text();
    }).then(replaceMain).catch(function () {
      // Whatever happened, the server knows the truth: show it.
      window.location.reload();
    });
  });

  // Drag and drop reordering of a list's open tasks.
  var dragged = null;
  var before = null;

  function order(list) {
    return Array.prototype.map.call(list.querySelectorAll(':scope > li.task'), function (item) {
      return item.getAttribute('data-task-id');
    });
  }

  function save(list) {
    var now = order(list);
    if (now.join(',') === before.join(',')) {
      return;
    }
    list.setAttribute('aria-busy', 'true');
    fetch(list.getAttribute('data-order-url'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: {'Content-Type': 'application/x-www-form-urlencoded', 'X-CSRF-TOKEN': token()},
      body: 'ids=' + encodeURIComponent(now.join(','))
    }).then(function (response) {
      list.removeAttribute('aria-busy');
      if (response.ok) {
        // Fetch the list as the server now has it, so the ↑ / ↓ buttons fit the new order too.
        return swapMain(window.location.href).then(function () {
          openList().setAttribute('data-saved-order', now.join(','));
        });
      }
      return response.text().then(function (message) {
        var status = document.getElementById('order-status');
        status.textContent = message || 'The new order could not be saved; the list will reload.';
        status.hidden = false;
        setTimeout(function () { window.location.reload(); }, 2500);
      });
    });
  }

  function taskIn(event) {
    var list = openList();
    var item = event.target.closest && event.target.closest('li.task');
    return list && item && item.parentNode === list ? item : null;
  }

  document.addEventListener('dragstart', function (event) {
    var item = taskIn(event);
    if (!item) {
      return;
    }
    dragged = item;
    before = order(openList());
    item.classList.add('dragging');
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData('text/plain', item.getAttribute('data-task-id'));
  });
  document.addEventListener('dragover', function (event) {
    if (!dragged) {
      return;
    }
    event.preventDefault();
    var over = taskIn(event);
    if (!over || over === dragged) {
      return;
    }
    var box = over.getBoundingClientRect();
    var after = event.clientY > box.top + box.height / 2;
    openList().insertBefore(dragged, after ? over.nextSibling : over);
  });
  document.addEventListener('drop', function (event) {
    if (dragged) {
      event.preventDefault();
    }
  });
  document.addEventListener('dragend', function () {
    if (!dragged) {
      return;
    }
    dragged.classList.remove('dragging');
    dragged = null;
    save(openList());
  });
}());
