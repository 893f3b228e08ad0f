// sijeong's one script of its own: small page behaviours that work without it too.

// Downloads that take a moment (a report's PDF or HWPX is built in 2–6 s). A link or button
// with `data-busy="만드는 중…"` shows that text and `aria-busy="true"` from the click until the
// file starts to arrive, which the server marks with the `sijeong-download` cookie (see
// sijeong.web.listing.attach), or until a timeout. A second click while busy is ignored, so
// that an impatient user does not build the file twice. Without this script the link is a
// plain link.
(function () {
  "use strict";

  var COOKIE = "sijeong-download";
  var POLL_MS = 250;
  var TIMEOUT_MS = 30000;
  var status = null;

  function announce(text) {
    if (status === null) {
      status = document.createElement("p");
      status.className = "visually-hidden";
      status.setAttribute("role", "status");
      document.body.appendChild(status);
    }
    status.textContent = text;
  }

  function hasCookie() {
    return document.cookie.split("; ").some(function (part) {
      return part.indexOf(COOKIE + "=") === 0;
    });
  }

  function clearCookie() {
    document.cookie = COOKIE + "=; Max-Age=0; Path=/; SameSite=Lax";
  }

  function restore(element) {
    if (element.getAttribute("aria-busy") !== "true") {
      return;
    }
    var state = element.sijeongBusy;
    element.sijeongBusy = null;
    if (state) {
      window.clearInterval(state.poll);
      window.clearTimeout(state.timeout);
      element.replaceChildren.apply(element, state.children);
    }
    element.removeAttribute("aria-busy");
    element.classList.remove("is-busy");
    announce("");
  }

  function start(element) {
    var text = element.getAttribute("data-busy") || "만드는 중…";
    var state = {
      children: Array.prototype.slice.call(element.childNodes),
      poll: 0,
      timeout: 0,
    };
    element.sijeongBusy = state;
    element.setAttribute("aria-busy", "true");
    element.classList.add("is-busy");
    element.textContent = text;
    announce(text);
    clearCookie();
    state.poll = window.setInterval(function () {
      if (hasCookie()) {
        clearCookie();
        restore(element);
      }
    }, POLL_MS);
    state.timeout = window.setTimeout(function () {
      restore(element);
    }, TIMEOUT_MS);
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    var element = target && target.closest ? target.closest("[data-busy]") : null;
    if (element === null || event.defaultPrevented) {
      return;
    }
    // A file opened in a new tab or window leaves this page as it is.
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return;
    }
    if (element.getAttribute("aria-busy") === "true") {
      event.preventDefault();
      return;
    }
    // Let the browser act on the click first (follow the link, submit the form); change the
    // text only after, so that nothing it reads from the element has changed.
    window.setTimeout(function () {
      start(element);
    }, 0);
  });

  // Back to a page kept in the browser's cache: nothing is being made any more.
  window.addEventListener("pageshow", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-busy][aria-busy]"), restore);
  });
})();

// The main menu on a phone: folded behind its 메뉴 button (site.css hides it only when this
// script has marked the page with the `js` class, so without the script the menu stays open).
(function () {
  "use strict";

  document.documentElement.classList.add("js");
  var button = document.querySelector(".menu-toggle");
  var menu = document.getElementById("main-menu");
  if (button === null || menu === null) {
    return;
  }
  button.addEventListener("click", function () {
    var open = menu.classList.toggle("open");
    button.setAttribute("aria-expanded", open ? "true" : "false");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && menu.classList.contains("open")) {
      menu.classList.remove("open");
      button.setAttribute("aria-expanded", "false");
      button.focus();
    }
  });
})();

// A table wider than the screen scrolls in its own box (site.css); the keyboard must reach it
// too, so such a table — and only such — takes the focus.
(function () {
  "use strict";

  function mark() {
    Array.prototype.forEach.call(document.querySelectorAll("table.list"), function (table) {
      if (table.scrollWidth > table.clientWidth) {
        table.tabIndex = 0;
      } else {
        table.removeAttribute("tabindex");
      }
    });
  }
  mark();
  window.addEventListener("resize", mark);
})();

// The visit planner runs for up to its time limit (5–30 s) before the page comes back: from
// the click on 기획 실행 the form shows how long it has run against that limit, so that the
// wait has an end in sight. Without this script the form submits as it is.
(function () {
  "use strict";

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("planner-run")) {
      return;
    }
    var box = form.querySelector(".planner-progress");
    var limit = form.querySelector("select[name=time_limit]");
    var button = form.querySelector("button[type=submit]");
    if (box === null || limit === null) {
      return;
    }
    var seconds = Number(limit.value) || 5;
    var bar = box.querySelector("progress");
    var text = box.querySelector("span");
    var started = Date.now();
    bar.max = seconds;
    box.hidden = false;
    if (button !== null) {
      window.setTimeout(function () {
        button.disabled = true;
      }, 0);
    }
    function tick() {
      var gone = Math.min((Date.now() - started) / 1000, seconds);
      bar.value = gone;
      text.textContent =
        "기획 중… " + Math.floor(gone) + "초 / 최대 " + seconds + "초 (한도에 이르면 찾은 최선의 안을 보여 줍니다)";
    }
    tick();
    window.setInterval(tick, 500);
  });
})();
