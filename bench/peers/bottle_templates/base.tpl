<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{title}}</title>
<link rel="stylesheet" href="/static/blog.css">
<script src="/static/blog.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site"><a href="/">djscratch</a> <span>Django from scratch</span></header>
<main id="main">
{{!base}}
</main>
<footer class="site"><p>Served by djscratch, one file of Python.</p></footer>
% if page.number == 1:

<script>
// Fetch comments posted since the page loaded and put them at the top.
(function () {
  var list = document.getElementById("comment-list");
  var after = {{newest_id}};
  var months = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.",
                "Sept.", "Oct.", "Nov.", "Dec."];
  function when(iso) {  // Django's "N j, Y, P T" in UTC, as the server renders it
    var d = new Date(iso), h = d.getUTCHours(), m = d.getUTCMinutes(), t;
    if (h === 0 && m === 0) t = "midnight";
    else if (h === 12 && m === 0) t = "noon";
    else t = ((h % 12) || 12) + (m ? ":" + String(m).padStart(2, "0") : "") +
             (h < 12 ? " a.m." : " p.m.");
    return months[d.getUTCMonth()] + " " + d.getUTCDate() + ", " + d.getUTCFullYear() + ", " + t + " UTC";
  }
  function add(c) {
    var li = document.createElement("li"), meta = document.createElement("p"),
        who = document.createElement("strong"), time = document.createElement("time"),
        body = document.createElement("p");
    li.id = "c" + c.id; li.className = "comment";
    meta.className = "meta"; who.className = "author"; body.className = "body";
    who.textContent = c.author; time.dateTime = c.time; time.textContent = when(c.time);
    c.body.split("\n").forEach(function (line, i) {
      if (i) body.appendChild(document.createElement("br"));
      body.appendChild(document.createTextNode(line));
    });
    meta.append(who, " ", time); li.append(meta, body);
    if (window.blogLocalTime) window.blogLocalTime(time);
    var empty = list.querySelector(".no-comments"); if (empty) empty.remove();
    if (!document.getElementById(li.id)) list.insertBefore(li, list.firstChild);
  }
  function poll() {
    fetch("/comments.json?after=" + after, {headers: {"Accept": "application/json"}})
      .then(function (r) { return r.ok ? r.json() : {comments: []}; })
      .then(function (data) {
        data.comments.forEach(function (c) { add(c); after = Math.max(after, c.id); });
      })
      .catch(function () {});
  }
  setInterval(poll, {{poll_ms}});
})();
</script>
% end

</body>
</html>
