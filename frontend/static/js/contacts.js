// Contacts form: "Add another …" adds the row in place instead of sending the form.
// Without this script the button sends the form and the page comes back with one more row.
(function () {
    'use strict';
    var form = document.getElementById('contact-form');
    if (!form) {
        return;
    }
    form.addEventListener('click', function (event) {
        var button = event.target.closest('button[name="add"]');
        if (!button) {
            return;
        }
        var fieldset = button.closest('fieldset');
        var rows = fieldset ? fieldset.querySelectorAll('.row') : [];
        if (rows.length === 0) {
            return;
        }
        event.preventDefault();
        var last = rows[rows.length - 1];
        var copy = last.cloneNode(true);
        copy.querySelectorAll('input, textarea').forEach(function (field) {
            field.value = '';
        });
        last.after(copy);
        var first = copy.querySelector('input:not(.label-input), textarea');
        if (first) {
            first.focus();
        }
    });
})();
