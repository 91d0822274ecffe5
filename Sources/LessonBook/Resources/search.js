"use strict";
// The search box in every page's header: lunr over window.bookSearchDocuments (from
// search-index.js), every word typed required, results naming the lesson and section.
document.addEventListener("DOMContentLoaded", function () {
  var input = document.getElementById("book-search");
  var list = document.getElementById("book-search-results");
  if (!input || !list || typeof lunr === "undefined" || !window.bookSearchDocuments) { return; }
  var documents = window.bookSearchDocuments;
  var index = lunr(function () {
    this.ref("id");
    this.field("section", { boost: 4 });
    this.field("lesson", { boost: 2 });
    this.field("text");
    documents.forEach(function (document, id) {
      this.add({ id: String(id), section: document.section, lesson: document.lesson, text: document.text });
    }, this);
  });

  function show(query) {
    list.textContent = "";
    // Each word is stemmed the way the index was (so "augmentation" finds "augment"), stop words
    // dropped, and matched as a prefix, so results appear while the word is being typed.
    var terms = lunr.tokenizer(query)
      .filter(function (token) { return lunr.stopWordFilter(token); })
      .map(function (token) { return lunr.stemmer(lunr.trimmer(token)).toString(); })
      .filter(Boolean);
    if (terms.length === 0) { list.hidden = true; return; }
    var matches = index.query(function (q) {
      terms.forEach(function (term) {
        q.term(term, { presence: lunr.Query.presence.REQUIRED, wildcard: lunr.Query.wildcard.TRAILING });
      });
    }).slice(0, 12);
    if (matches.length === 0) {
      var none = document.createElement("li");
      none.className = "search-none";
      none.textContent = "Nothing found.";
      list.appendChild(none);
    }
    matches.forEach(function (match) {
      var found = documents[Number(match.ref)];
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = found.url;
      var lesson = document.createElement("span");
      lesson.className = "search-lesson";
      lesson.textContent = found.lesson;
      link.appendChild(lesson);
      if (found.section !== found.lesson.replace(/^\d+\. /, "")) {
        link.appendChild(document.createTextNode(" — " + found.section));
      }
      item.appendChild(link);
      list.appendChild(item);
    });
    list.hidden = false;
  }

  input.addEventListener("input", function () { show(input.value); });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { input.value = ""; show(""); input.blur(); }
    if (event.key === "Enter") {
      var first = list.querySelector("a");
      if (first) { window.location.href = first.href; }
    }
  });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.isContentEditable);
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      input.focus();
      input.select();
    }
  });
});
