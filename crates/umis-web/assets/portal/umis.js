// umis portal: progressive enhancement only. Every page works without this script.
// 1. A warning before an idle session times out, with a way to stay signed in.
// 2. On the verification page, scanning a document's QR code with the device camera.
(function () {
  "use strict";

  function sessionWarning() {
    var box = document.getElementById("umis-session-warning");
    if (!box) return;
    var idle = parseInt(document.body.getAttribute("data-idle-seconds") || "0", 10);
    if (!idle) return;
    var warnAfter = Math.max(idle - 120, 30) * 1000;
    var expireAfter = idle * 1000;
    var warnTimer, expireTimer;
    function arm() {
      clearTimeout(warnTimer);
      clearTimeout(expireTimer);
      warnTimer = setTimeout(function () {
        box.hidden = false;
        var button = box.querySelector("button");
        if (button) button.focus();
      }, warnAfter);
      expireTimer = setTimeout(function () {
        window.location.href = "/sign-in?expired=1";
      }, expireAfter);
    }
    var stay = box.querySelector("form");
    if (stay) {
      stay.addEventListener("submit", function (event) {
        event.preventDefault();
        fetch(stay.action, { method: "POST", body: new URLSearchParams(new FormData(stay)), credentials: "same-origin" })
          .then(function (r) {
            if (r.ok) { box.hidden = true; arm(); } else { window.location.href = "/sign-in?expired=1"; }
          });
      });
    }
    arm();
  }

  function qrScanner() {
    var start = document.getElementById("umis-scan-start");
    var field = document.getElementById("credential");
    if (!start || !field || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) return;
    start.hidden = false;
    var video = document.getElementById("umis-scan-video");
    var status = document.getElementById("umis-scan-status");
    start.addEventListener("click", function () {
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
        video.hidden = false;
        video.srcObject = stream;
        video.setAttribute("playsinline", "true");
        video.play();
        status.textContent = start.getAttribute("data-scanning");
        decodeWith(stream);
      }).catch(function () {
        status.textContent = start.getAttribute("data-denied");
      });
    });

    function finish(stream, text) {
      stream.getTracks().forEach(function (t) { t.stop(); });
      video.hidden = true;
      field.value = text;
      field.form.submit();
    }

    function decodeWith(stream) {
      if ("BarcodeDetector" in window) {
        var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
        var tick = function () {
          detector.detect(video).then(function (codes) {
            if (codes.length) finish(stream, codes[0].rawValue); else requestAnimationFrame(tick);
          }).catch(function () { requestAnimationFrame(tick); });
        };
        tick();
        return;
      }
      // Browsers without a native detector load the decoder only now, when it is needed.
      var script = document.createElement("script");
      script.src = start.getAttribute("data-decoder");
      script.onload = function () {
        var canvas = document.createElement("canvas");
        var ctx = canvas.getContext("2d", { willReadFrequently: true });
        var tick = function () {
          if (video.readyState === video.HAVE_ENOUGH_DATA) {
            canvas.width = video.videoWidth;
            canvas.height = video.videoHeight;
            ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
            var image = ctx.getImageData(0, 0, canvas.width, canvas.height);
            var code = window.jsQR(image.data, image.width, image.height);
            if (code && code.data) { finish(stream, code.data); return; }
          }
          requestAnimationFrame(tick);
        };
        tick();
      };
      document.head.appendChild(script);
    }
  }

  sessionWarning();
  qrScanner();
})();
