/* OTPilot hosted widget page: progressive enhancement of the server-rendered forms (no framework). */
(function () {
  "use strict";
  var cfg = JSON.parse(document.getElementById("otpilot-config").textContent);
  var t = cfg.texts;
  var api = "/api/widget/" + encodeURIComponent(cfg.key) + "/";
  var $ = function (id) { return document.getElementById(id); };
  var els = {
    title: $("title"), subtitle: $("subtitle"), phoneForm: $("step-phone"), codeForm: $("step-code"), done: $("step-done"),
    country: $("country"), face: $("country-face"), phone: $("phone"), phoneError: $("phone-error"), send: $("send"),
    sentTo: $("sent-to"), code: $("code"), codeError: $("code-error"), verify: $("verify"), change: $("change"),
    resend: $("resend"), countdown: $("countdown"), status: $("status"), doneBody: $("done-body")
  };
  var state = { verification: null, busy: false, timer: 0, otpAbort: null, dead: false };

  // Messages go only to the embedding page the server accepted, and only when really embedded.
  var parentOrigin = cfg.parentOrigin;
  if (window.parent === window) parentOrigin = null;
  var ancestors = location.ancestorOrigins;
  if (parentOrigin && ancestors && ancestors.length && ancestors[0] !== parentOrigin) parentOrigin = null;
  function post(type, data) {
    if (!parentOrigin) return;
    var message = { type: type };
    for (var k in data) message[k] = data[k];
    window.parent.postMessage(message, parentOrigin);
  }

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (m, name) { return values[name] != null ? values[name] : m; });
  }
  // Decimal digits of any script -> ASCII: Unicode puts each script's digits in runs of ten from zero.
  var ND = /\p{Nd}/u;
  function asciiDigits(text) {
    var out = "";
    for (var ch of text) {
      var cp = ch.codePointAt(0);
      if (cp > 127 && ND.test(ch)) {
        var start = cp;
        while (ND.test(String.fromCodePoint(start - 1))) start--;
        out += String((cp - start) % 10);
      } else out += ch;
    }
    return out;
  }
  function clock(seconds) {
    seconds = Math.max(0, Math.ceil(seconds));
    var s = seconds % 60;
    return Math.floor(seconds / 60) + ":" + (s < 10 ? "0" : "") + s;
  }

  // Proof of work (altcha v2, SHA-256): the counter whose hash of salt|nonce|counter starts with the prefix.
  function hexToBytes(hex) {
    var out = new Uint8Array(hex.length / 2);
    for (var i = 0; i < out.length; i++) out[i] = parseInt(hex.substr(i * 2, 2), 16);
    return out;
  }
  function toHex(bytes) {
    var s = "";
    for (var i = 0; i < bytes.length; i++) s += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
    return s;
  }
  async function solve(challenge) {
    var p = challenge.parameters;
    var salt = hexToBytes(p.salt), nonce = hexToBytes(p.nonce), prefix = hexToBytes(p.keyPrefix);
    var keyLength = p.keyLength || 32;
    for (var base = 0; base < 0xffffffff; base += 256) {
      var batch = [];
      for (var n = base; n < base + 256; n++) {
        var buf = new Uint8Array(salt.length + nonce.length + 4);
        buf.set(salt, 0);
        buf.set(nonce, salt.length);
        new DataView(buf.buffer).setUint32(salt.length + nonce.length, n, false);
        batch.push(crypto.subtle.digest("SHA-256", buf));
      }
      var keys = await Promise.all(batch);
      for (var j = 0; j < keys.length; j++) {
        var key = new Uint8Array(keys[j]).subarray(0, keyLength);
        var ok = true;
        for (var b = 0; b < prefix.length; b++) if (key[b] !== prefix[b]) { ok = false; break; }
        if (ok) return { challenge: challenge, solution: { counter: base + j, derivedKey: toHex(key) } };
      }
    }
    throw new Error("unsolvable");
  }
  var pow = null;
  function preparePow() {
    pow = call("challenge", {}).then(solve);
    pow.catch(function () { pow = null; });
  }
  async function takePow() {
    if (!pow) preparePow();
    var p = pow;
    pow = null;
    return p;
  }

  async function call(op, body) {
    var response;
    try {
      response = await fetch(api + op, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body), credentials: "omit" });
    } catch (_e) {
      throw { code: "network" };
    }
    var data = null;
    try { data = await response.json(); } catch (_e) { data = null; }
    if (!response.ok) throw data && data.code ? data : { code: "internal_error" };
    return data;
  }

  function messageFor(problem) {
    switch (problem.code) {
      case "invalid_phone_number": case "invalid_request": return t.errInvalidPhone;
      case "country_blocked": return t.errCountryBlocked;
      case "rate_limited": return fill(t.errRateLimited, { time: clock(problem.retryAfter || 60) });
      case "invalid_code": return fill(t.errInvalidCode, { count: String(problem.attemptsRemaining) });
      case "too_many_attempts": case "failed": case "canceled": return t.errTooManyAttempts;
      case "expired": return t.errExpired;
      case "channel_unavailable": return t.errChannel;
      case "unavailable": return t.errUnavailable;
      case "network": return t.errNetwork;
      case "unauthorized": return t.errNotAvailable;
      case "forbidden": return problem.reason === "proof_of_work" ? t.errGeneric : t.errNotAvailable;
      default: return t.errGeneric;
    }
  }
  function showError(input, target, problem) {
    var message = messageFor(problem);
    target.textContent = message;
    if (input) input.setAttribute("aria-invalid", "true");
    post("otpilot:error", { code: problem.code, message: message });
  }
  function clearError(input, target) {
    target.textContent = "";
    if (input) input.removeAttribute("aria-invalid");
  }
  function setBusy(button, busy, label) {
    state.busy = busy;
    button.setAttribute("aria-busy", busy ? "true" : "false");
    button.textContent = label;
  }

  function show(step) {
    els.phoneForm.hidden = step !== "phone";
    els.codeForm.hidden = step !== "code";
    els.done.hidden = step !== "done";
    els.title.textContent = step === "code" ? t.codeTitle : step === "done" ? t.verifiedTitle : t.title;
    els.subtitle.hidden = step !== "phone";
    document.getElementById("widget").classList.toggle("is-done", step === "done");
    resize();
  }

  function updateFace() {
    var option = els.country.options[els.country.selectedIndex];
    if (!option) return;
    var iso = document.createElement("b");
    iso.textContent = option.value;
    els.face.textContent = "";
    els.face.append(iso, " +" + option.getAttribute("data-cc"));
    els.phone.placeholder = option.getAttribute("data-ex") || "";
  }
  els.country.addEventListener("change", function () { updateFace(); clearError(els.phone, els.phoneError); });
  els.phone.addEventListener("input", function () { clearError(els.phone, els.phoneError); });

  async function sendCode() {
    if (state.busy) return;
    var phone = asciiDigits(els.phone.value).trim();
    clearError(els.phone, els.phoneError);
    if (phone.replace(/\D/g, "").length < 4) {
      showError(els.phone, els.phoneError, { code: "invalid_phone_number" });
      els.phone.focus();
      return;
    }
    var channel = els.phoneForm.querySelector('input[name="channel"]:checked');
    setBusy(els.send, true, t.sending);
    var body = { phone: phone, country: els.country.value, locale: cfg.locale, origin: parentOrigin };
    if (channel) body.channel = channel.value;
    try {
      var verification;
      try {
        body.pow = await takePow();
        verification = await call("send", body);
      } catch (problem) {
        if (problem.code !== "forbidden" || problem.reason !== "proof_of_work") throw problem;
        body.pow = await takePow(); // the challenge expired while the page was open: one fresh try
        verification = await call("send", body);
      }
      state.verification = verification;
      state.dead = false;
      preparePow();
      enterCodeStep();
    } catch (problem) {
      showError(els.phone, els.phoneError, problem);
      els.phone.focus();
    } finally {
      setBusy(els.send, false, t.send);
    }
  }

  function enterCodeStep() {
    var v = state.verification;
    els.sentTo.textContent = "";
    var parts = t.codeSentTo.split("{recipient}");
    els.sentTo.append(parts[0]);
    var number = document.createElement("bdi");
    number.setAttribute("dir", "ltr");
    number.textContent = v.display || v.recipient;
    els.sentTo.append(number, parts[1] || "");
    els.code.value = "";
    clearError(els.code, els.codeError);
    show("code");
    startCountdown();
    els.code.focus();
    listenForSms();
  }

  function startCountdown() {
    clearInterval(state.timer);
    var until = Date.parse(state.verification.resendAvailableAt);
    function tick() {
      var left = (until - Date.now()) / 1000;
      if (left > 0 && !state.dead) {
        els.countdown.textContent = fill(t.resendIn, { time: clock(left) });
        els.countdown.hidden = false;
        els.resend.hidden = true;
      } else {
        clearInterval(state.timer);
        els.countdown.hidden = true;
        els.resend.hidden = false;
        resize();
      }
    }
    tick();
    state.timer = setInterval(tick, 1000);
  }

  function listenForSms() {
    if (!("OTPCredential" in window) || !navigator.credentials) return;
    if (state.otpAbort) state.otpAbort.abort();
    var controller = new AbortController();
    state.otpAbort = controller;
    navigator.credentials.get({ otp: { transport: ["sms"] }, signal: controller.signal }).then(function (otp) {
      if (otp && otp.code && !els.codeForm.hidden) {
        els.code.value = otp.code;
        verifyCode();
      }
    }).catch(function () {});
  }

  function normalizedCode() {
    var value = asciiDigits(els.code.value).replace(/[\s\-‐‑–—.]/g, "");
    if (cfg.alphabet === "numeric") return value.replace(/\D/g, "");
    // Mixed-case alphabets compare case-sensitively; the others are upper-case only.
    return /MixedCase$/.test(cfg.alphabet) ? value.replace(/[^0-9A-Za-z]/g, "") : value.toUpperCase().replace(/[^0-9A-Z]/g, "");
  }
  els.code.addEventListener("input", function () {
    var code = normalizedCode();
    if (els.code.value !== code) els.code.value = code;
    clearError(els.code, els.codeError);
    if (code.length === cfg.codeLength && !state.dead) verifyCode();
  });

  async function verifyCode() {
    if (state.busy || !state.verification) return;
    var code = normalizedCode();
    if (code.length < cfg.codeLength) {
      els.codeError.textContent = fill(t.errIncomplete, { length: String(cfg.codeLength) });
      els.code.setAttribute("aria-invalid", "true");
      els.code.focus();
      return;
    }
    setBusy(els.verify, true, t.verifying);
    try {
      var body = { id: state.verification.id, code: code };
      if (cfg.nonce) body.nonce = cfg.nonce;
      var result = await call("verify", body);
      finish(result);
    } catch (problem) {
      if (["too_many_attempts", "failed", "expired", "canceled"].indexOf(problem.code) >= 0) {
        state.dead = true;
        startCountdown();
      }
      showError(els.code, els.codeError, problem);
      els.code.focus();
      els.code.select();
    } finally {
      setBusy(els.verify, false, t.verify);
    }
  }

  function finish(result) {
    clearInterval(state.timer);
    if (state.otpAbort) state.otpAbort.abort();
    els.doneBody.textContent = "";
    var parts = t.verifiedBody.split("{recipient}");
    var number = document.createElement("bdi");
    number.setAttribute("dir", "ltr");
    number.textContent = result.display || result.recipient;
    els.doneBody.append(parts[0], number, parts[1] || "");
    show("done");
    els.title.focus();
    if (result.token) {
      post("otpilot:verified", { token: result.token, verificationId: result.verificationId, recipient: result.recipient });
    }
  }

  async function resend() {
    if (state.busy) return;
    if (state.dead) {
      // The verification is over (expired or failed): start a new one to the same number.
      show("phone");
      return sendCode();
    }
    setBusy(els.resend, true, t.sending);
    try {
      var verification = await call("resend", { id: state.verification.id, pow: await takePow() });
      state.verification = verification;
      preparePow();
      clearError(els.code, els.codeError);
      els.status.textContent = t.resent;
      startCountdown();
      els.code.focus();
      listenForSms();
    } catch (problem) {
      showError(els.code, els.codeError, problem);
    } finally {
      setBusy(els.resend, false, t.resend);
    }
  }

  els.phoneForm.addEventListener("submit", function (e) { e.preventDefault(); sendCode(); });
  els.codeForm.addEventListener("submit", function (e) { e.preventDefault(); verifyCode(); });
  els.resend.addEventListener("click", resend);
  els.change.addEventListener("click", function () {
    clearInterval(state.timer);
    if (state.otpAbort) state.otpAbort.abort();
    state.verification = null;
    els.status.textContent = "";
    show("phone");
    els.phone.focus();
    els.phone.select();
  });

  var lastHeight = 0;
  function resize() {
    var height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height && height !== lastHeight) {
      lastHeight = height;
      post("otpilot:resize", { height: height });
    }
  }
  if (window.ResizeObserver) new ResizeObserver(resize).observe(document.body);

  updateFace();
  preparePow();
  resize();
  post("otpilot:ready", {});
})();
