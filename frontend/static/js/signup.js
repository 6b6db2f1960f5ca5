// Fills in the time zone and country the browser knows, so calendars and phone numbers are right
// from the first day. Without JavaScript the server falls back to UTC and the Accept-Language country.
(function () {
  'use strict';
  var zone = document.getElementById('timeZone');
  var region = document.getElementById('phoneRegion');
  try {
    if (zone && !zone.value) {
      zone.value = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
    }
  } catch (e) { /* an old browser: the server's default holds */ }
  if (region && !region.value) {
    var languages = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
    for (var i = 0; i < languages.length; i++) {
      var match = /^[a-z]{2,3}-([A-Z]{2})\b/i.exec(languages[i] || '');
      if (match) {
        region.value = match[1].toUpperCase();
        break;
      }
    }
  }
})();
