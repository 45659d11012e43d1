// Progressive enhancements of the blog page; without them it works the same.
// 1. The comment box says how many characters are left, counted as the
//    server counts them (a line break is sent as two: CR LF).
// 2. Comment times, rendered in UTC, are shown in the reader's time zone;
//    the UTC text stays as the tooltip.
(function () {
  "use strict";

  function countdown() {
    var box = document.getElementById("id_body"), hint = document.getElementById("body-left");
    if (!box || !hint) return;
    var limit = parseInt(box.getAttribute("maxlength"), 10);
    if (!limit) return;
    box.setAttribute("aria-describedby", "body-left");
    function update() {
      var left = limit - Array.from(box.value.replace(/\r?\n/g, "\r\n")).length;
      hint.textContent = left >= 0
        ? left + (left === 1 ? " character" : " characters") + " left"
        : -left + (left === -1 ? " character" : " characters") + " too many";
      hint.classList.toggle("over", left < 0);
    }
    box.addEventListener("input", update);
    update();
  }

  var format;
  try {
    format = new Intl.DateTimeFormat(undefined, {
      year: "numeric", month: "short", day: "numeric",
      hour: "numeric", minute: "2-digit", timeZoneName: "short"});
  } catch (e) {
    format = null;
  }

  function localTime(time) {
    var when = new Date(time.getAttribute("datetime"));
    if (!format || isNaN(when)) return;
    if (!time.title) time.title = time.textContent;
    time.textContent = format.format(when);
  }
  window.blogLocalTime = localTime;

  document.addEventListener("DOMContentLoaded", function () {
    countdown();
    document.querySelectorAll(".comment time[datetime]").forEach(localTime);
  });
})();
