/*
 * The calls Wagtail's admin widgets would make from inline <script>s, made from their data:
 * <script type="application/json" data-ttdn-call="NAME">[arguments]</script> (see
 * ttdn/core/admin_scripts.py). Only the names below, each bound to one of Wagtail's functions or
 * constructors; the data is parsed, never run. Once the page is parsed, then for every such
 * element added later (a form added to an inline panel).
 */
(() => {
  "use strict";

  const CHOOSERS = new Set(["Chooser", "PageChooser", "ImageChooser", "DocumentChooser",
    "SnippetChooser"]);
  const CALLS = {
    initDateChooser: (id, config) => window.initDateChooser(id, config),
    initTimeChooser: (id, config) => window.initTimeChooser(id, config),
    initDateTimeChooser: (id, config) => window.initDateTimeChooser(id, config),
    InlinePanel: (options) => new window.InlinePanel(options),
    MultipleChooserPanel: (options) => new window.MultipleChooserPanel(options),
    createTaskChooser: (id) => window.createTaskChooser(id),
    chooser: (constructor, id, options) => {
      if (!CHOOSERS.has(constructor)) {
        throw new Error(`unknown chooser ${constructor}`);
      }
      return new window[constructor](id, options);
    },
    chooserUrls: (urls) => {
      if (typeof window.chooserUrls === "undefined") {
        window.chooserUrls = urls;
      }
    },
    // wagtail-localize's translation request: "select all" ticks every language.
    selectAllLocales: () => {
      const selectAll = document.querySelector('[name="select_all"]');
      const locales = document.querySelectorAll('[name="locales"]');
      if (selectAll) {
        selectAll.addEventListener("change", () => {
          locales.forEach((locale) => { locale.checked = selectAll.checked; });
        });
      }
    },
  };
  const SELECTOR = 'script[type="application/json"][data-ttdn-call]';
  const done = new WeakSet();

  const run = (element) => {
    if (done.has(element)) {
      return;
    }
    done.add(element);
    const name = element.dataset.ttdnCall;
    if (!Object.prototype.hasOwnProperty.call(CALLS, name)) {
      console.error(`deferred-calls.js: unknown call ${name}`);
      return;
    }
    try {
      CALLS[name](...JSON.parse(element.textContent));
    } catch (error) {
      console.error(`deferred-calls.js: ${name} failed`, error);
    }
  };

  const runWithin = (root) => {
    if (root.matches && root.matches(SELECTOR)) {
      run(root);
    }
    root.querySelectorAll(SELECTOR).forEach(run);
  };

  const start = () => {
    runWithin(document);
    new MutationObserver((records) => {
      records.forEach((record) => record.addedNodes.forEach((node) => {
        if (node.nodeType === Node.ELEMENT_NODE) {
          runWithin(node);
        }
      }));
    }).observe(document.documentElement, { childList: true, subtree: true });
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
