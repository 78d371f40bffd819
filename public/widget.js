/*! OTPilot widget loader · https://otpilot.dev/docs/widget */
(function (w, d) {
  "use strict";
  var script = d.currentScript;
  // A second copy of the loader on the page only mounts its own tag.
  if (w.OTPilot && w.OTPilot.mount) return boot();
  var base = script ? new URL(script.src, location.href).origin : location.origin;

  function mount(element, options) {
    options = options || {};
    var target = typeof element === "string" ? d.querySelector(element) : element;
    if (!target) throw new Error("OTPilot.mount: no element to mount into");
    if (!options.publishableKey) throw new Error("OTPilot.mount: publishableKey is required");
    var params = new URLSearchParams({ origin: location.origin });
    ["locale", "phone", "nonce", "theme"].forEach(function (name) {
      if (options[name]) params.set(name, options[name]);
    });
    var frame = d.createElement("iframe");
    frame.src = base + "/widget/" + encodeURIComponent(options.publishableKey) + "?" + params;
    frame.title = options.title || "Phone number verification";
    frame.allow = "otp-credentials";
    frame.setAttribute("scrolling", "no");
    frame.style.cssText = "display:block;width:100%;max-width:440px;height:420px;border:0;background:transparent;color-scheme:normal";
    function emit(name, detail, callback) {
      if (typeof callback === "function") {
        try { callback(detail); } catch (e) { setTimeout(function () { throw e; }); }
      }
      target.dispatchEvent(new CustomEvent(name, { detail: detail, bubbles: true }));
    }
    function onMessage(event) {
      // Only messages from our own iframe, sent by the OTPilot server's origin.
      if (event.origin !== base || event.source !== frame.contentWindow) return;
      var data = event.data;
      if (!data || typeof data.type !== "string") return;
      switch (data.type) {
        case "otpilot:ready": return emit("otpilot:ready", {}, options.onReady);
        case "otpilot:resize":
          if (typeof data.height === "number" && data.height > 0 && data.height < 5000) frame.style.height = Math.ceil(data.height) + "px";
          return;
        case "otpilot:verified":
          return emit("otpilot:verified", { token: String(data.token), verificationId: String(data.verificationId), recipient: String(data.recipient) }, options.onVerified);
        case "otpilot:error":
          return emit("otpilot:error", { code: String(data.code), message: String(data.message) }, options.onError);
      }
    }
    w.addEventListener("message", onMessage);
    target.appendChild(frame);
    return {
      unmount: function () {
        w.removeEventListener("message", onMessage);
        if (frame.parentNode) frame.parentNode.removeChild(frame);
      }
    };
  }

  w.OTPilot = { mount: mount };
  boot();

  // `<script src=".../widget.js" data-publishable-key="otppk_…">`: mount where the script stands, or into data-target.
  function boot() {
    if (!script || !script.getAttribute("data-publishable-key") || script.getAttribute("data-mounted")) return;
    script.setAttribute("data-mounted", "1");
    var run = function () {
      var selector = script.getAttribute("data-target");
      var target = selector ? d.querySelector(selector) : null;
      if (!target) {
        target = d.createElement("div");
        script.parentNode.insertBefore(target, script);
      }
      w.OTPilot.mount(target, {
        publishableKey: script.getAttribute("data-publishable-key"),
        locale: script.getAttribute("data-locale"),
        phone: script.getAttribute("data-phone"),
        nonce: script.getAttribute("data-nonce"),
        theme: script.getAttribute("data-theme")
      });
    };
    if (d.readyState === "loading") d.addEventListener("DOMContentLoaded", run);
    else run();
  }
})(window, document);
