/* procspec: the search page. Loads the prebuilt Lunr index (sok-index.js, a plain script so that
   it works opened from disk as well as from a web server) and searches it with Swedish stems.

   A query word matches an indexed word when their Snowball stems are equal (bygglovet, bygglov),
   when the query stem is the head or tail of an indexed compound (fakturorna -> faktur ->
   leverantörsfaktur; bygglov -> bygglovsansökan), or when an indexed word of at least four
   letters is the head or tail of a compound query word (bygglovsärende -> bygglov). Exact stems
   rank highest. */
(function () {
  "use strict";
  var data = window.PROCSPEC_SOK;
  var form = document.getElementById("sok-formular");
  var input = document.getElementById("sok-ord");
  var status = document.getElementById("sok-status");
  var list = document.getElementById("sok-traffar");
  if (!data || !form || !input || !status || !list || !window.lunr || !window.SwedishStemmer) {
    return;
  }
  var text = form.dataset;
  var swedish = new window.SwedishStemmer();
  var stem = function (word) { return swedish.stemWord(word); };
  lunr.Pipeline.registerFunction(function (token) {
    return token.update(function (s) { return stem(s); });
  }, "stemmer-sv");
  var index = lunr.Index.load(data.index);
  var vocabulary = Object.keys(index.invertedIndex).filter(function (t) { return t.length >= 4; });
  var stop = {};
  data.stop.forEach(function (w) { stop[w] = true; });
  var WORD = /[\p{L}\p{N}_]+/gu;
  var MAX = 50;

  function words(query) {
    return (query.toLowerCase().match(WORD) || []).filter(function (w) { return !stop[w]; });
  }

  function parts(s) {
    // Indexed words that are the head or tail of a compound query stem.
    if (s.length < 8) { return []; }
    return vocabulary.filter(function (t) {
      return t !== s && t.length <= s.length - 3 && (s.startsWith(t) || s.endsWith(t));
    });
  }

  function search(query) {
    var stems = words(query).map(stem).filter(function (s) { return s.length > 0; });
    if (!stems.length) { return { stems: [], hits: [] }; }
    var hits = index.query(function (q) {
      stems.forEach(function (s) {
        q.term(s, { usePipeline: false, boost: 10 });
        if (s.length >= 3) {
          q.term(s, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING, boost: 6 });
        }
        if (s.length >= 4) {
          q.term(s, { usePipeline: false, wildcard: lunr.Query.wildcard.LEADING, boost: 6 });
        }
        parts(s).forEach(function (t) { q.term(t, { usePipeline: false, boost: 3 }); });
      });
    });
    return { stems: stems, hits: hits };
  }

  function matches(word, stems) {
    var s = stem(word.toLowerCase());
    return stems.some(function (q) {
      return s === q || (q.length >= 3 && s.startsWith(q)) || (q.length >= 4 && s.endsWith(q)) ||
        (q.length >= 8 && s.length >= 4 && (q.startsWith(s) || q.endsWith(s)));
    });
  }

  function snippet(source, stems) {
    // The words around the first word that matches, with every matching word marked.
    var found = -1;
    var all = [];
    var m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(source)) !== null) {
      var hit = matches(m[0], stems);
      all.push({ start: m.index, end: m.index + m[0].length, hit: hit });
      if (hit && found < 0) { found = m.index; }
    }
    var from = 0;
    var to = Math.min(source.length, 180);
    if (found > 60) {
      from = source.lastIndexOf(" ", found - 50) + 1;
      to = Math.min(source.length, from + 180);
    }
    var cut = source.lastIndexOf(" ", to);
    if (to < source.length && cut > from) { to = cut; }
    var out = document.createDocumentFragment();
    if (from > 0) { out.appendChild(document.createTextNode("… ")); }
    var at = from;
    all.forEach(function (w) {
      if (!w.hit || w.start < from || w.end > to) { return; }
      out.appendChild(document.createTextNode(source.slice(at, w.start)));
      var mark = document.createElement("mark");
      mark.textContent = source.slice(w.start, w.end);
      out.appendChild(mark);
      at = w.end;
    });
    out.appendChild(document.createTextNode(source.slice(at, to)));
    if (to < source.length) { out.appendChild(document.createTextNode(" …")); }
    return out;
  }

  function say(template, query, count) {
    return template.replace("{q}", query).replace("{n}", String(count));
  }

  function show(query) {
    var found = search(query);
    list.textContent = "";
    var trimmed = query.trim();
    if (!trimmed) {
      status.textContent = text.empty;
      return;
    }
    var hits = found.hits.slice(0, MAX);
    hits.forEach(function (hit) {
      var doc = data.docs[Number(hit.ref)];
      var item = document.createElement("li");
      var heading = document.createElement("h3");
      var link = document.createElement("a");
      link.href = doc[3];
      link.textContent = doc[0];
      heading.appendChild(link);
      item.appendChild(heading);
      var where = document.createElement("p");
      where.className = "sok-var";
      where.textContent = doc[0] === doc[1] ? doc[2] : doc[1] + " – " + doc[2];
      item.appendChild(where);
      if (doc[4]) {
        var quote = document.createElement("p");
        quote.className = "sok-utdrag";
        quote.appendChild(snippet(doc[4], found.stems));
        item.appendChild(quote);
      }
      list.appendChild(item);
    });
    var total = found.hits.length;
    var message = total === 0 ? text.none : total === 1 ? text.one : text.many;
    if (total > MAX) { message = text.more; }
    status.textContent = say(message, trimmed, total).replace("{max}", String(MAX));
  }

  function remember(query) {
    try {
      var url = new URL(window.location.href);
      url.searchParams.set("q", query);
      window.history.replaceState(null, "", url.href);
    } catch (e) {
      // A browser that refuses to change the address of a page opened from disk: no matter.
    }
  }

  var timer = null;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    remember(input.value);
    show(input.value);
  });
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { remember(input.value); show(input.value); }, 300);
  });
  var params = new URLSearchParams(window.location.search);
  var initial = params.get("q");
  if (initial) {
    input.value = initial;
    show(initial);
  }
  form.classList.add("sok-redo");
})();
