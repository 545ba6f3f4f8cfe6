/* Autosave of a unit report (the page works without this file: the form posts normally).

   - Saves as the officer types: 1.5 s after the last keystroke, and at least every 5 s while
     typing; POSTs JSON {revision, data} to the report's autosave URL (CSRF token from the
     form's hidden input) and shows "Đang lưu…", "Đã lưu lúc …" or "Chưa lưu được — sẽ thử
     lại" (retrying with a growing delay, at once when the browser is back online).
   - Keeps every change in localStorage (one entry per report and revision) until the server
     has it, so a closed tab or a restarted server loses nothing; on load, text that the server
     does not have yet is put back in its field, with a notice, and saved.
   - When somebody else saved in between (409), nothing is overwritten: fields only one person
     changed are merged, and for each field both changed a panel shows the two versions side by
     side; "Lưu bản đã gộp" saves the choice over the new revision.
   - Field errors come back in Vietnamese and are shown under their field; the other fields are
     saved.
   The same digest as forms.digest (FNV-1a over the canonical UTF-8 text) keeps the form's
   hidden "base" current, so a normal POST after autosaves sends only what changed since. */
(function () {
  "use strict";

  var root = document.querySelector("[data-ttdn-unit-report]");
  if (!root) {
    return;
  }
  var msg = root.dataset;
  var prefix = msg.storageKey + ".r";
  var form = root.querySelector("form[data-ttdn-unit-form]");

  // Local storage ------------------------------------------------------------------------

  var store = (function () {
    try {
      var s = window.localStorage;
      s.setItem(prefix + "probe", "1");
      s.removeItem(prefix + "probe");
      return s;
    } catch (error) {
      return null;
    }
  })();

  function entries() {
    var found = [];
    if (!store) {
      return found;
    }
    for (var i = 0; i < store.length; i += 1) {
      var key = store.key(i);
      if (key && key.indexOf(prefix) === 0) {
        var data = null;
        try {
          data = JSON.parse(store.getItem(key));
        } catch (error) {
          data = null;
        }
        found.push({ key: key, data: data || {} });
      }
    }
    return found.sort(function (a, b) {
      return (a.data.at || 0) - (b.data.at || 0);
    });
  }

  function dropAll() {
    entries().forEach(function (entry) {
      store.removeItem(entry.key);
    });
  }

  function make(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      node.setAttribute(name, attrs[name]);
    });
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  // A read-only report: offer what this browser still holds, so nothing is silently lost.
  if (!form) {
    var box = root.querySelector("[data-ttdn-leftover]");
    var items = [];
    entries().forEach(function (entry) {
      var fields = entry.data.fields || {};
      Object.keys(fields).forEach(function (key) {
        if (fields[key] && fields[key].value) {
          items.push([fields[key].label || key, fields[key].value]);
        }
      });
    });
    if (!box || !items.length) {
      if (store) {
        dropAll();
      }
      return;
    }
    box.className = "ttdn-rp-callout";
    box.appendChild(make("p", {}, msg.msgLeftover));
    var list = make("dl", {});
    items.forEach(function (item) {
      list.appendChild(make("dt", {}, item[0]));
      list.appendChild(make("dd", { class: "ttdn-rp-text" }, item[1]));
    });
    box.appendChild(list);
    var discard = make("button", { type: "button", class: "button button-small button-secondary" },
      msg.msgDiscard);
    discard.addEventListener("click", function () {
      dropAll();
      box.hidden = true;
    });
    box.appendChild(discard);
    box.hidden = false;
    return;
  }

  // Values ---------------------------------------------------------------------------------

  function canon(value) {
    var text = String(value === undefined || value === null ? "" : value);
    if (text.normalize) {
      text = text.normalize("NFC");
    }
    return text.replace(/\r\n?/g, "\n").split("\n").map(function (line) {
      return line.replace(/\s+$/, "");
    }).join("\n").trim();
  }

  var THOUSANDS_DOT = /^\d{1,3}(\.\d{3})+(,\d+)?$/;
  var THOUSANDS_COMMA = /^\d{1,3}(,\d{3})+(\.\d+)?$/;

  function number(text) {
    var raw = text.replace(/\s+/g, "");
    if (THOUSANDS_DOT.test(raw)) {
      raw = raw.replace(/\./g, "").replace(",", ".");
    } else if (THOUSANDS_COMMA.test(raw)) {
      raw = raw.replace(/,/g, "");
    } else {
      raw = raw.replace(",", ".");
    }
    return /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : null;
  }

  function same(key, left, right) {
    var a = canon(left);
    var b = canon(right);
    if (a === b) {
      return true;
    }
    if (key.indexOf("figure.") === 0 && !/\.note$/.test(key) && a && b) {
      var x = number(a);
      return x !== null && x === number(b);
    }
    return false;
  }

  function digest(value) {
    var bytes = new TextEncoder().encode(canon(value));
    var hash = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i += 1) {
      hash ^= bytes[i];
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return ("0000000" + hash.toString(16)).slice(-8);
  }

  function nest(flat) {
    var data = {};
    Object.keys(flat).forEach(function (key) {
      var parts = key.split(".");
      if (parts.length === 1) {
        data[key] = flat[key];
        return;
      }
      var group = parts[0] === "task" ? "tasks" : "figures";
      data[group] = data[group] || {};
      data[group][parts[1]] = data[group][parts[1]] || {};
      data[group][parts[1]][parts[2]] = flat[key];
    });
    return data;
  }

  // The form -------------------------------------------------------------------------------

  var fields = {};
  form.querySelectorAll("[data-field]").forEach(function (element) {
    fields[element.dataset.field] = element;
  });
  var revisionInput = form.querySelector("[data-ttdn-revision]");
  var baseInput = form.querySelector("[data-ttdn-base]");
  var statusLine = form.querySelector("[data-ttdn-save-status]");
  var restoredBox = form.querySelector("[data-ttdn-restored]");
  var mergeSlot = form.querySelector("[data-ttdn-merge-slot]");
  var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var url = msg.autosaveUrl;
  var revision = parseInt(revisionInput.value, 10);
  var baseDigests = {};
  try {
    baseDigests = JSON.parse(baseInput.value || "{}") || {};
  } catch (error) {
    baseDigests = {};
  }

  function initial(element) {
    if (element.tagName === "SELECT") {
      var chosen = Array.prototype.filter.call(element.options, function (option) {
        return option.defaultSelected;
      })[0] || element.options[0];
      return chosen ? chosen.value : "";
    }
    return element.defaultValue;
  }

  // What the server holds, as this page last saw it.
  var base = {};
  Object.keys(fields).forEach(function (key) {
    base[key] = initial(fields[key]);
  });

  var applying = false;
  function setValue(element, value) {
    applying = true;
    element.value = value;
    element.dispatchEvent(new Event("input", { bubbles: true })); // lets the textarea resize
    applying = false;
  }

  function dirtyKeys() {
    return Object.keys(fields).filter(function (key) {
      return !same(key, fields[key].value, base[key]);
    });
  }

  var lastSaved = "";
  function timeOf(iso) {
    var moment = new Date(iso);
    if (isNaN(moment.getTime())) {
      return "";
    }
    return [moment.getHours(), moment.getMinutes(), moment.getSeconds()].map(function (part) {
      return (part < 10 ? "0" : "") + part;
    }).join(":");
  }

  function showSaved() {
    setStatus("saved", lastSaved ? msg.msgSaved.replace("{time}", lastSaved) : "");
  }

  function setStatus(state, text) {
    statusLine.dataset.state = state;
    statusLine.textContent = text;
  }

  function remember() {
    if (!store) {
      return;
    }
    var key = prefix + revision;
    entries().forEach(function (entry) {
      if (entry.key !== key) {
        store.removeItem(entry.key);
      }
    });
    var dirty = dirtyKeys();
    if (!dirty.length) {
      store.removeItem(key);
      return;
    }
    var data = { at: Date.now(), revision: revision, fields: {} };
    dirty.forEach(function (name) {
      data.fields[name] = { value: fields[name].value, base: base[name],
        label: fields[name].dataset.label || name };
    });
    try {
      store.setItem(key, JSON.stringify(data));
    } catch (error) {
      // storage full or refused: the autosave still runs
    }
  }

  function showErrors(errors, sentKeys) {
    sentKeys.forEach(function (key) {
      if (errors[key]) {
        return;
      }
      var box = form.querySelector('[data-error-for="' + key + '"]');
      if (box) {
        box.hidden = true;
        box.textContent = "";
      }
      if (fields[key]) {
        fields[key].removeAttribute("aria-invalid");
        var wrapper = fields[key].closest(".ttdn-rp-field");
        if (wrapper) {
          wrapper.classList.remove("ttdn-rp-field--error");
        }
      }
    });
    var stray = [];
    Object.keys(errors).forEach(function (key) {
      var box = form.querySelector('[data-error-for="' + key + '"]');
      if (!box) {
        stray.push(errors[key]);
        return;
      }
      box.textContent = errors[key];
      box.hidden = false;
      if (fields[key]) {
        fields[key].setAttribute("aria-invalid", "true");
        var wrapper = fields[key].closest(".ttdn-rp-field");
        if (wrapper) {
          wrapper.classList.add("ttdn-rp-field--error");
        }
      }
    });
    return stray;
  }

  // Saving ---------------------------------------------------------------------------------

  var inFlight = null;
  var again = false;
  var paused = false;
  var submitting = false;
  var retryDelay = 0;
  var retryTimer = null;
  var debounceTimer = null;
  var maxTimer = null;
  var firstChange = 0;

  function schedule(now) {
    if (paused) {
      return;
    }
    if (!dirtyKeys().length && !inFlight) {
      if (statusLine.dataset.state === "conflict") {
        showSaved(); // the merge kept the stored version: nothing left to save
      }
      return;
    }
    setStatus("pending", msg.msgUnsaved);
    clearTimeout(debounceTimer);
    if (now) {
      flush();
      return;
    }
    var time = Date.now();
    if (!firstChange) {
      firstChange = time;
    }
    debounceTimer = setTimeout(flush, 1500);
    if (!maxTimer) {
      maxTimer = setTimeout(flush, Math.max(0, 5000 - (time - firstChange)));
    }
  }

  function request(values, keepalive) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      keepalive: Boolean(keepalive),
      headers: { "Content-Type": "application/json", "X-CSRFToken": token,
        "X-Requested-With": "XMLHttpRequest", Accept: "application/json" },
      body: JSON.stringify({ revision: revision, data: nest(values) }),
    });
  }

  function flush() {
    clearTimeout(debounceTimer);
    clearTimeout(maxTimer);
    clearTimeout(retryTimer);
    debounceTimer = maxTimer = retryTimer = null;
    firstChange = 0;
    if (paused) {
      return Promise.resolve();
    }
    if (inFlight) {
      again = true;
      return inFlight;
    }
    var keys = dirtyKeys();
    if (!keys.length) {
      return Promise.resolve();
    }
    var sent = {};
    keys.forEach(function (key) {
      sent[key] = fields[key].value;
    });
    setStatus("saving", msg.msgSaving);
    inFlight = request(sent).then(function (response) {
      return response.json().catch(function () {
        return null;
      }).then(function (body) {
        handle(response.status, body, sent);
      });
    }).catch(failed).then(function () {
      inFlight = null;
      if (again) {
        again = false;
        flush();
      }
    });
    return inFlight;
  }

  function failed() {
    setStatus("failed", navigator.onLine === false ? msg.msgOffline : msg.msgFailed);
    retryDelay = retryDelay ? Math.min(retryDelay * 2, 60000) : 2000;
    clearTimeout(retryTimer);
    retryTimer = setTimeout(flush, retryDelay);
  }

  function setRevision(value) {
    revision = value;
    revisionInput.value = String(value);
  }

  function handle(status, body, sent) {
    if (!body || typeof body !== "object") {
      failed(); // not our JSON (a proxy page, an expired session): keep the text, try again
      return;
    }
    if (status === 200 && body.ok) {
      retryDelay = 0;
      var errors = body.errors || {};
      setRevision(body.revision);
      Object.keys(sent).forEach(function (key) {
        if (!errors[key]) {
          base[key] = sent[key];
          baseDigests[key] = digest(sent[key]);
        }
      });
      baseInput.value = JSON.stringify(baseDigests);
      var stray = showErrors(errors, Object.keys(sent));
      remember();
      if (Object.keys(errors).length) {
        setStatus("refused", [msg.msgErrors].concat(stray).join(" "));
      } else {
        lastSaved = (body.saved_at_display || "").split(" ")[0];
        if (dirtyKeys().length) {
          setStatus("pending", msg.msgUnsaved);
        } else {
          showSaved();
        }
      }
      return;
    }
    if (status === 409 && body.conflict) {
      conflict(body);
      return;
    }
    if (status >= 500) {
      failed();
      return;
    }
    // Refused for good (the report was sent meanwhile, no right to write it): stop trying.
    paused = true;
    if (body.errors) {
      showErrors(body.errors, Object.keys(sent));
    }
    setStatus("refused", msg.msgRefused + (body.message ? ": " + body.message : ""));
  }

  // Conflicts ------------------------------------------------------------------------------

  function conflict(body) {
    var theirs = body.fields || {};
    lastSaved = timeOf(body.saved_at) || lastSaved;
    setRevision(body.revision);
    var clashes = [];
    Object.keys(fields).forEach(function (key) {
      if (!Object.prototype.hasOwnProperty.call(theirs, key)) {
        return;
      }
      var mine = fields[key].value;
      var stored = theirs[key];
      if (!same(key, mine, stored)) {
        if (same(key, mine, base[key])) {
          setValue(fields[key], stored); // only the other person changed it
        } else if (!same(key, stored, base[key])) {
          clashes.push({ key: key, mine: mine, theirs: stored });
        }
      }
      base[key] = stored;
      baseDigests[key] = digest(stored);
    });
    baseInput.value = JSON.stringify(baseDigests);
    remember();
    if (clashes.length) {
      showMerge(clashes, body.saved_by, body.message);
    } else {
      again = true; // save this person's changes over the new revision
    }
  }

  function showMerge(clashes, who, message) {
    paused = true;
    setStatus("conflict", msg.msgConflict);
    mergeSlot.textContent = "";
    var section = make("section", { class: "ttdn-rp-merge", tabindex: "-1",
      "aria-labelledby": "js-merge-heading" });
    section.appendChild(make("h2", { id: "js-merge-heading", class: "w-h3" }, msg.msgMergeTitle));
    if (message) {
      section.appendChild(make("p", { role: "alert" }, message));
    }
    section.appendChild(make("p", { class: "ttdn-rp-muted" }, msg.msgMergeHelp));
    clashes.forEach(function (clash, index) {
      var element = fields[clash.key];
      var row = make("fieldset", { class: "ttdn-rp-merge-row" });
      row.appendChild(make("legend", {}, element.dataset.label || clash.key));
      var sides = make("div", { class: "ttdn-rp-merge-sides" });
      [["mine", msg.msgMine, clash.mine],
        ["theirs", msg.msgTheirs.replace("{who}", who || msg.msgSomeone), clash.theirs]]
        .forEach(function (side) {
          var label = make("label", { class: "ttdn-rp-merge-side" });
          var pick = make("span", { class: "ttdn-rp-merge-pick" });
          var radio = make("input", { type: "radio", name: "js-merge-" + index, value: side[0] });
          if (side[0] === "mine") {
            radio.checked = true;
          }
          radio.addEventListener("change", function () {
            setValue(element, side[2]);
          });
          pick.appendChild(radio);
          pick.appendChild(document.createTextNode(" " + side[1]));
          label.appendChild(pick);
          label.appendChild(make("span", { class: "ttdn-rp-merge-text" }, side[2]));
          sides.appendChild(label);
        });
      row.appendChild(sides);
      section.appendChild(row);
      setValue(element, clash.mine);
    });
    var actions = make("div", { class: "ttdn-rp-merge-actions" });
    var save = make("button", { type: "button", class: "button" }, msg.msgMergeSave);
    save.addEventListener("click", closeMergeAndSave);
    actions.appendChild(save);
    section.appendChild(actions);
    mergeSlot.appendChild(section);
    section.focus();
  }

  function closeMergeAndSave() {
    mergeSlot.textContent = "";
    paused = false;
    remember();
    schedule(true);
  }

  // A panel the server rendered (no-script save, or a POST that conflicted): the radios put
  // the chosen text in the field; the panel's own button posts the form.
  var serverPanel = form.querySelector("[data-ttdn-merge]");
  if (serverPanel) {
    paused = true;
    setStatus("conflict", msg.msgConflict);
    serverPanel.querySelectorAll("[data-merge-key]").forEach(function (row) {
      var element = fields[row.dataset.mergeKey];
      if (!element) {
        return;
      }
      var texts = { mine: row.querySelector("[data-merge-mine]").textContent,
        theirs: row.querySelector("[data-merge-theirs]").textContent };
      row.querySelectorAll("[data-merge-pick]").forEach(function (radio) {
        radio.addEventListener("change", function () {
          setValue(element, texts[radio.value]);
        });
      });
    });
    serverPanel.focus();
  }

  // Restoring what this browser kept -------------------------------------------------------

  function restore() {
    var found = entries();
    if (!found.length) {
      return;
    }
    var kept = {};
    found.forEach(function (entry) {
      var fieldsKept = entry.data.fields || {};
      Object.keys(fieldsKept).forEach(function (key) {
        kept[key] = fieldsKept[key];
      });
    });
    dropAll();
    if (serverPanel) {
      return; // the server has just shown this person's text beside the other version
    }
    var restored = 0;
    var clashes = [];
    Object.keys(kept).forEach(function (key) {
      var element = fields[key];
      var item = kept[key];
      if (!element || !item || typeof item.value !== "string") {
        return;
      }
      var now = element.value;
      if (same(key, item.value, now)) {
        return; // the server has it
      }
      if (item.base === undefined || same(key, item.base, now)) {
        setValue(element, item.value);
        restored += 1;
      } else {
        clashes.push({ key: key, mine: item.value, theirs: now });
      }
    });
    if (!restored && !clashes.length) {
      return;
    }
    restoredBox.textContent = msg.msgRestored;
    restoredBox.hidden = false;
    remember();
    if (clashes.length) {
      showMerge(clashes, msg.savedBy, "");
    } else {
      schedule(true);
    }
  }

  // Events ---------------------------------------------------------------------------------

  function edited(event) {
    var key = event.target && event.target.dataset ? event.target.dataset.field : null;
    if (!key || applying) {
      return;
    }
    remember();
    schedule(false);
  }
  form.addEventListener("input", edited);
  form.addEventListener("change", edited);

  form.addEventListener("submit", function (event) {
    var submitter = event.submitter;
    var action = submitter ? submitter.value : "";
    if (action === "save" && !serverPanel) {
      event.preventDefault(); // saved in place, no reload
      if (paused && mergeSlot.firstChild) {
        closeMergeAndSave();
      } else if (!dirtyKeys().length && !inFlight) {
        setStatus("saved", lastSaved ? msg.msgSaved.replace("{time}", lastSaved) : msg.msgNothing);
      } else {
        schedule(true);
      }
      return;
    }
    if (inFlight) {
      event.preventDefault(); // wait for the autosave, then post with its revision
      inFlight.then(function () {
        if (submitter) {
          form.requestSubmit(submitter);
        } else {
          form.requestSubmit();
        }
      });
      return;
    }
    submitting = true;
    dropAll(); // the POST carries every field
  });

  window.addEventListener("online", function () {
    if (retryTimer) {
      flush();
    }
  });

  window.addEventListener("pagehide", function () {
    if (submitting || paused || !store) {
      return;
    }
    var keys = dirtyKeys();
    if (!keys.length) {
      return;
    }
    remember();
    var values = {};
    keys.forEach(function (key) {
      values[key] = fields[key].value;
    });
    try {
      request(values, true);
    } catch (error) {
      // the text stays in localStorage for the next visit
    }
  });

  restore();
})();
