// The event editor: hide the time fields for all-day events and the repeat details when it does not repeat.
// Without this script every field simply stays visible, and the server ignores what does not apply.
(function () {
  const form = document.getElementById('event-editor');
  if (!form) {
    return;
  }
  const allDay = form.querySelector('#allDay');
  const repeat = form.querySelector('#repeat');
  const details = form.querySelector('.repeat-details');
  const weekdays = form.querySelector('.weekdays');

  function update() {
    form.querySelectorAll('.timed').forEach((field) => { field.hidden = allDay.checked; });
    if (repeat && details) {
      details.hidden = repeat.value === 'none' || repeat.value === 'custom';
      weekdays.hidden = repeat.value !== 'weekly';
    }
  }

  allDay.addEventListener('change', update);
  if (repeat) {
    repeat.addEventListener('change', update);
  }
  update();
}());
