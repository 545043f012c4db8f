/* conflictgraph report page. Reads the export JSON embedded in #report-data (the same JSON as
   `conflictgraph export --format json`) and draws the views with vis-timeline, Cytoscape.js and Leaflet.
   Safety: every string from the data reaches the DOM through textContent, attributes or library calls
   given DOM elements; nothing from the data is ever parsed as HTML. */
(function () {
  "use strict";

  // Above this many timeline items (incidents x groups) the timeline shows counts per day, week, month
  // or year and group, and expands into single incidents on zoom. Documented in docs/report.md.
  var AGGREGATE_ABOVE = 1500;
  // Above this many claims the chain view draws one chain at a time instead of all chains at once.
  var GRAPH_ALL_CHAINS_MAX = 300;
  // Above this many located incidents the map draws canvas circles instead of focusable DOM markers.
  var MAP_DOM_MARKERS_MAX = 500;
  var LIST_MAX = 2000;
  var MAX_DEFAULT_GROUPS = 60;
  var DAY = 86400000;

  // Claimant colours: each has at least 4.5:1 contrast on white (checked by tests/report/test_contrast.py).
  var PALETTE = ["#1f5fa8", "#b3420e", "#1b7a4a", "#8e3a8e", "#7a5c00", "#0b6e79", "#a8323e", "#4b5563", "#5b4bb5", "#5f6b00"];

  // The export JSON is embedded as text, or gzip-compressed and base64-encoded when it is large
  // (data-encoding="gzip+base64"); either way it is exactly the JSON `conflictgraph export` writes.
  function loadData(done) {
    var holder = document.getElementById("report-data");
    if (holder.getAttribute("data-encoding") !== "gzip+base64") { done(JSON.parse(holder.textContent)); return; }
    var b64 = holder.textContent.trim(), bytes;
    if (Uint8Array.fromBase64) bytes = Uint8Array.fromBase64(b64);
    else {
      var bin = atob(b64);
      bytes = new Uint8Array(bin.length);
      for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    }
    new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text()
      .then(function (text) { done(JSON.parse(text)); })
      .catch(function (err) { document.getElementById("tl-mode").textContent = "The report data could not be read: " + err; throw err; });
  }
  loadData(start);

  function start(DATA) {
  var BASEMAP = JSON.parse(document.getElementById("report-basemap").textContent);

  // ---------------------------------------------------------------- DOM helpers (text only)
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      for (var k in attrs) {
        if (!Object.prototype.hasOwnProperty.call(attrs, k) || attrs[k] == null) continue;
        if (k === "text") node.textContent = attrs[k];
        else if (k === "className") node.className = attrs[k];
        else if (k.slice(0, 2) === "on") node.addEventListener(k.slice(2), attrs[k]);
        else node.setAttribute(k, attrs[k]);
      }
    }
    (children || []).forEach(function (c) {
      if (c == null) return;
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
  function $(id) { return document.getElementById(id); }
  // Only web links become clickable; anything else (javascript:, data:) stays text.
  function safeUrl(url) { return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null; }

  // ---------------------------------------------------------------- indexes over the export
  var nodes = new Map();
  var byKind = { Article: [], Actor: [], Location: [], Incident: [], Claim: [] };
  DATA.nodes.forEach(function (n) { nodes.set(n.id, n); (byKind[n.kind] = byKind[n.kind] || []).push(n); });
  function push(map, key, v) { var l = map.get(key); if (l) l.push(v); else map.set(key, [v]); }
  // Edges are indexed per type on first use, so a large report does not pay at load time for the
  // indexes only a detail panel needs (REPORTED_IN is a third of all edges).
  var edgesByType = new Map(), outIdx = new Map(), inIdx = new Map();
  DATA.edges.forEach(function (e) { push(edgesByType, e.type, e); });
  function edgeIndex(cache, type, end) {
    var m = cache.get(type);
    if (!m) { m = new Map(); (edgesByType.get(type) || []).forEach(function (e) { push(m, e[end], e); }); cache.set(type, m); }
    return m;
  }
  function outOf(type, id) { return edgeIndex(outIdx, type, "source").get(id) || []; }
  function inOf(type, id) { return edgeIndex(inIdx, type, "target").get(id) || []; }
  function name(id) { var n = nodes.get(id); return n ? (n.name || n.title || n.id) : "(not in this report)"; }

  var PREC_RANK = { day: 0, month: 1, year: 2, range: 3, unknown: 4 };
  function timeKeyOf(span, id) {
    return span && span.start ? [0, span.start, PREC_RANK[span.precision], id] : [1, "", 4, id];
  }
  function cmpKey(a, b) { for (var i = 0; i < a.length; i++) { if (a[i] < b[i]) return -1; if (a[i] > b[i]) return 1; } return 0; }
  function byEvent(a, b) { return cmpKey(timeKeyOf(a.event_time, a.id), timeKeyOf(b.event_time, b.id)); }
  function byClaimTime(a, b) { return cmpKey(timeKeyOf(a.claim_time, a.id), timeKeyOf(b.claim_time, b.id)); }
  // The same order as byEvent/byClaimTime as one string per item (ISO dates sort as text), for sorting
  // thousands of items without building arrays in every comparison.
  function sortedBy(list, field) {
    return list.map(function (n) {
      var s = n[field];
      return [s && s.start ? "0" + s.start + PREC_RANK[s.precision] : "1          4", n];
    }).sort(function (a, b) {
      return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1].id < b[1].id ? -1 : a[1].id > b[1].id ? 1 : 0;
    }).map(function (p) { return p[1]; });
  }

  // Same rules as graph.model.TimeSpan.label().
  function spanLabel(s) {
    if (!s || !s.start || !s.end) return "unknown";
    if (s.precision === "day") return s.start;
    if (s.precision === "month") return s.start.slice(0, 7);
    if (s.precision === "year") return s.start.slice(0, 4);
    var whole = s.start.slice(5) === "01-01" && s.end.slice(5) === "12-31";
    return (whole ? s.start.slice(0, 4) : s.start) + "/" + (whole ? s.end.slice(0, 4) : s.end);
  }
  function spanText(s) {
    var t = spanLabel(s);
    if (s && s.start && s.precision !== "day") t += " (" + s.precision + " precision)";
    if (s && s.raw) t += " — text: \u201c" + s.raw + "\u201d";
    return t;
  }
  function utc(iso) { return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)); }

  // Syndicated copies: SAME_STORY components. Independent sources count stories, not copies.
  var storyParent = new Map();
  function findStory(a) {
    var p = storyParent.get(a);
    if (p === undefined || p === a) return a;
    var r = findStory(p); storyParent.set(a, r); return r;
  }
  (edgesByType.get("SAME_STORY") || []).forEach(function (e) {
    var a = findStory(e.source), b = findStory(e.target);
    if (a !== b) { if (a < b) storyParent.set(b, a); else storyParent.set(a, b); }
  });
  function articlesOf(id) {
    var seen = new Set();
    outOf("REPORTED_IN", id).forEach(function (e) { if (nodes.has(e.target)) seen.add(e.target); });
    var n = nodes.get(id);
    (n && n.evidence || []).forEach(function (ev) { if (nodes.has(ev.article_id)) seen.add(ev.article_id); });
    return Array.from(seen).sort();
  }
  function sourceCount(articleIds) {
    var stories = new Set(articleIds.map(findStory));
    return { articles: articleIds.length, independent: stories.size };
  }

  // Claims: replies, denials and counter-accusations (same rules as GraphStore.claim_chain).
  var claims = null, chainRoots = null;  // sorted on first use: only the chain view needs them
  function ensureClaims() {
    if (claims) return;
    claims = sortedBy(byKind.Claim, "claim_time");
    chainRoots = claims.filter(function (c) {
      var about = c.about_id && nodes.get(c.about_id);
      return !(about && about.kind === "Claim");
    });
  }
  function claimsAbout(id) {
    return inOf("ABOUT", id).map(function (e) { return nodes.get(e.source); })
      .filter(function (c) { return c && c.kind === "Claim"; });
  }
  // Disputed marks come from the export itself ("disputed": {claims, incidents}), so the page, the
  // tables and every other export agree on what is disputed.
  var disputedClaims = new Set((DATA.disputed && DATA.disputed.claims) || []);
  var disputedIncidents = new Set((DATA.disputed && DATA.disputed.incidents) || []);
  function isDenied(c) { return disputedClaims.has(c.id); }
  function chainChildren(c) {
    var kids = new Map();
    claimsAbout(c.id).forEach(function (k) { kids.set(k.id, [k, "about"]); });
    if (c.stance === "deny" && c.claimant_id && c.about_id) {
      var denied = nodes.get(c.about_id);
      if (denied && denied.kind === "Claim" && denied.claimant_id) {
        var accused = new Set([denied.claimant_id]);
        outOf("PART_OF", denied.claimant_id).forEach(function (e) { accused.add(e.target); });
        var arts = new Set(articlesOf(c.id));
        outOf("MADE", c.claimant_id).forEach(function (e) {
          var k = nodes.get(e.target);
          if (k && k.kind === "Claim" && k.stance === "accuse" && accused.has(k.target_id) && !kids.has(k.id) &&
              articlesOf(k.id).some(function (a) { return arts.has(a); })) kids.set(k.id, [k, "counter"]);
        });
      }
    }
    return Array.from(kids.values()).sort(function (a, b) { return byClaimTime(a[0], b[0]); });
  }
  function walkChain(root) {
    var steps = [], placed = new Set();
    (function walk(c, depth, parent, rel) {
      if (placed.has(c.id)) return;
      placed.add(c.id);
      steps.push({ claim: c, depth: depth, parent: parent, relation: rel });
      if (depth >= 6) return;
      chainChildren(c).forEach(function (kr) { walk(kr[0], depth + 1, c.id, kr[1]); });
    })(root, 0, null, "root");
    return steps;
  }
  var chainCache = new Map();
  function chainOf(root) { if (!chainCache.has(root.id)) chainCache.set(root.id, walkChain(root)); return chainCache.get(root.id); }

  // Incident facts.
  var incidents = sortedBy(byKind.Incident, "event_time");
  var incidentClaims = new Map();
  function claimsOfIncident(inc) {
    if (incidentClaims.has(inc.id)) return incidentClaims.get(inc.id);
    var out = [], seen = new Set(), stack = claimsAbout(inc.id);
    while (stack.length) {
      var c = stack.pop();
      if (seen.has(c.id)) continue;
      seen.add(c.id); out.push(c);
      claimsAbout(c.id).forEach(function (k) { stack.push(k); });
    }
    out.sort(byClaimTime);
    incidentClaims.set(inc.id, out);
    return out;
  }
  function isDisputed(inc) { return disputedIncidents.has(inc.id); }
  function actorsOf(inc) {
    return outOf("INVOLVES", inc.id).map(function (e) { return [e.target, e.props && e.props.role]; })
      .filter(function (a) { return nodes.has(a[0]); });
  }
  function claimantsOf(inc) {
    var s = new Set();
    claimsOfIncident(inc).forEach(function (c) { if (c.claimant_id && nodes.has(c.claimant_id)) s.add(c.claimant_id); });
    return Array.from(s);
  }
  function casualtyText(inc) {
    var parts = [];
    ["killed", "injured"].forEach(function (field) {
      var vals = (inc.figures || []).map(function (f) { return f[field]; }).filter(function (v) { return v != null; });
      if (!vals.length && inc[field] != null) vals = [inc[field]];
      if (!vals.length) return;
      var lo = Math.min.apply(null, vals), hi = Math.max.apply(null, vals);
      var srcs = new Set((inc.figures || []).filter(function (f) { return f[field] != null; }).map(function (f) { return f.source; }));
      parts.push(field + " " + (lo === hi ? lo : lo + "\u2013" + hi) +
        " (" + vals.length + " figure" + (vals.length > 1 ? "s" : "") + (srcs.size ? " from " + srcs.size + " source" + (srcs.size > 1 ? "s" : "") : "") + ")");
    });
    return parts.length ? parts.join("; ") : "no figure given";
  }
  var KIND_RANK = { site: 0, city: 1, route: 2, region: 3, country: 4 };
  // Where to put an incident on the map: its own location when it has coordinates, otherwise the most
  // specific OCCURRED_NEAR place that has them. The detail text says which place was used.
  function placeOf(inc) {
    var own = inc.location_id && nodes.get(inc.location_id);
    if (own && own.lat != null && own.lon != null) return { loc: own, own: true };
    var near = outOf("OCCURRED_NEAR", inc.id).map(function (e) { return nodes.get(e.target); })
      .filter(function (l) { return l && l.lat != null && l.lon != null; })
      .sort(function (a, b) { return (KIND_RANK[a.location_kind] - KIND_RANK[b.location_kind]) || (a.id < b.id ? -1 : 1); });
    return near.length ? { loc: near[0], own: false, ownLoc: own || null } : null;
  }
  function typeLabel(t) { return String(t || "incident").replace(/_/g, " "); }

  // ---------------------------------------------------------------- detail panels
  function articleLine(aid) {
    var a = nodes.get(aid);
    if (!a) return el("li", { text: aid });
    var url = safeUrl(a.url);
    var bits = [a.outlet, a.published ? a.published + (a.published_inferred ? " (inferred)" : "") : "date unknown"]
      .filter(Boolean).join(", ");
    return el("li", null, [
      el("cite", { text: a.title || a.id }), " \u2014 " + bits,
      url ? el("span", null, [" ", el("a", { href: url, rel: "noopener noreferrer", target: "_blank", text: url })]) : null,
    ]);
  }
  function sourcesBlock(ids) {
    var sc = sourceCount(ids);
    return [el("dt", { text: "Sources" }), el("dd", null, [
      sc.articles + " article" + (sc.articles === 1 ? "" : "s") + ", " + sc.independent + " independent",
      el("ul", null, ids.slice(0, 50).map(articleLine)),
    ])];
  }
  function renderIncident(target, inc) {
    clear(target);
    var disputed = isDisputed(inc);
    var prec = inc.event_time && inc.event_time.precision;
    target.appendChild(el("h3", null, [
      typeLabel(inc.incident_type) + " \u00b7 " + spanLabel(inc.event_time) + " ",
      disputed ? el("span", { className: "badge disputed", text: "\u2691 disputed" }) : null, " ",
      prec && prec !== "day" ? el("span", { className: "badge uncertain", text: "uncertain date: " + prec }) : null,
    ]));
    target.appendChild(el("p", { text: inc.summary || "(no summary)" }));
    var dl = el("dl");
    var add = function (k, v) { dl.appendChild(el("dt", { text: k })); dl.appendChild(el("dd", null, [v])); };
    add("When", spanText(inc.event_time));
    var place = placeOf(inc), own = inc.location_id && nodes.get(inc.location_id);
    var where = own ? own.name : "not recorded";
    if (place && !place.own) where += " (no coordinates; mapped at " + place.loc.name + ")";
    if (place && place.loc.precision_km != null) where += " \u00b1 " + place.loc.precision_km + " km";
    add("Where", where);
    add("Casualties", casualtyText(inc));
    var actors = actorsOf(inc);
    add("Actors", actors.length ? actors.map(function (a) { return name(a[0]) + (a[1] ? " (" + a[1].replace(/_/g, " ") + ")" : ""); }).join("; ") : "none recorded");
    var cl = claimsOfIncident(inc);
    var claimList = el("ul");
    cl.slice(0, 20).forEach(function (c) {
      claimList.appendChild(el("li", null, [el("button", { type: "button", className: "linklike",
        text: name(c.claimant_id) + " " + c.stance + "s: \u201c" + c.quote + "\u201d",
        onclick: function () { showView("claims"); selectClaim(c.id); } })]));
    });
    add("Claims", cl.length ? claimList : "none in this report");
    sourcesBlock(articlesOf(inc.id)).forEach(function (n) { dl.appendChild(n); });
    target.appendChild(dl);
  }
  var STANCE_VERB = { accuse: "accuses", deny: "denies", assert: "asserts" };
  function renderClaim(target, c) {
    clear(target);
    var head = name(c.claimant_id) + " " + (STANCE_VERB[c.stance] || c.stance);
    if (c.target_id) head += " " + name(c.target_id);
    target.appendChild(el("h3", null, [head, " ", isDenied(c) ? el("span", { className: "badge disputed", text: "\u2691 denied" }) : null]));
    target.appendChild(el("blockquote", { className: "claim-quote", text: c.quote || "(no quote)" }));
    var dl = el("dl");
    var add = function (k, v) { dl.appendChild(el("dt", { text: k })); dl.appendChild(el("dd", null, [v])); };
    add("Claim date", spanText(c.claim_time));
    var flags = ["negated", "hypothetical"].filter(function (f) { return c[f]; });
    if (!c.reported) flags.push("the article's own voice");
    if (flags.length) add("Modality", flags.join(", "));
    if (c.about_id) {
      var about = nodes.get(c.about_id);
      add("About", about ? el("button", { type: "button", className: "linklike",
        text: about.kind === "Claim" ? name(about.claimant_id) + ": \u201c" + about.quote + "\u201d"
          : typeLabel(about.incident_type) + " " + spanLabel(about.event_time) + ": " + (about.summary || ""),
        onclick: function () { if (about.kind === "Claim") selectClaim(about.id); else { showView("timeline"); selectIncident(about.id); } } })
        : c.about_id);
    }
    var evs = el("ul");
    (c.evidence || []).forEach(function (ev) {
      var a = nodes.get(ev.article_id);
      var where = ev.start != null ? "sentence " + (ev.sentence != null ? ev.sentence : "?") + ", characters " + ev.start + "\u2013" + ev.end
        : "offsets not recorded (article text not stored)";
      var url = a && safeUrl(a.url);
      evs.appendChild(el("li", null, [
        el("cite", { text: a ? (a.title || a.id) : ev.article_id }),
        a ? " \u2014 " + [a.outlet || "outlet unknown", a.published || "date unknown"].join(", ") : "",
        url ? el("span", null, [" ", el("a", { href: url, rel: "noopener noreferrer", target: "_blank", text: url })]) : null,
        el("div", { className: "hint", text: where }),
      ]));
    });
    add("Source", (c.evidence || []).length ? evs : "no evidence recorded");
    target.appendChild(dl);
    var chain = currentChain;
    var step = chain && chain.filter(function (s) { return s.claim.id === c.id; })[0];
    if (step && step.parent) {
      var p = nodes.get(step.parent);
      target.appendChild(el("p", null, ["Replying to: ", el("button", { type: "button", className: "linklike",
        text: name(p.claimant_id) + ": \u201c" + p.quote + "\u201d", onclick: function () { selectClaim(p.id); } })]));
    }
    var kids = chainChildren(c);
    if (kids.length) {
      target.appendChild(el("h4", { text: "Replies, denials and counter-accusations" }));
      target.appendChild(el("ul", { className: "replies" }, kids.map(function (kr) {
        var k = kr[0], rel = kr[1] === "counter" ? "counter-accuses" : (STANCE_VERB[k.stance] || k.stance);
        return el("li", null, [el("button", { type: "button", className: "linklike",
          text: name(k.claimant_id) + " " + rel + " (" + spanLabel(k.claim_time) + "): \u201c" + k.quote + "\u201d",
          onclick: function () { selectClaim(k.id); } })]);
      })));
    }
  }

  // ---------------------------------------------------------------- tabs
  var views = ["timeline", "claims", "map", "sources", "about"];
  var initialised = {};
  var tabs = views.map(function (v) { return $("tab-" + v); });
  function showView(v) {
    views.forEach(function (w, i) {
      var on = w === v;
      tabs[i].setAttribute("aria-selected", on ? "true" : "false");
      tabs[i].tabIndex = on ? 0 : -1;
      $("view-" + w).hidden = !on;
    });
    if (!initialised[v]) { initialised[v] = true; INIT[v](); }
    if (v === "map" && map) map.invalidateSize();
    if (v === "claims" && cy) { cy.resize(); }
  }
  tabs.forEach(function (t, i) {
    t.addEventListener("click", function () { showView(views[i]); });
    t.addEventListener("keydown", function (ev) {
      var j = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: views.length - 1 }[ev.key];
      if (j === undefined) return;
      ev.preventDefault();
      j = (j + views.length) % views.length;
      tabs[j].focus(); showView(views[j]);
    });
  });
  // Paper gets every table, open.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.static-table").forEach(function (d) { d.dataset.wasOpen = d.open ? "1" : ""; d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    document.querySelectorAll("details.static-table").forEach(function (d) { d.open = d.dataset.wasOpen === "1"; });
  });
  // The tables stay in the page for print and for readers who open them; closed on screen.
  document.querySelectorAll("details.static-table").forEach(function (d) { d.open = false; d.setAttribute("data-ready", ""); });

  // ---------------------------------------------------------------- timeline
  var timeline = null, tlItems = null, tlGroups = null;
  var dated = incidents.filter(function (i) { return i.event_time && i.event_time.start; });
  var selectedIncident = null;
  var tlEntries = [];   // {id, inc, group, start, end}
  var aggregated = false;

  function groupKeys(inc, mode) {
    if (mode === "type") return [["type:" + inc.incident_type, typeLabel(inc.incident_type)]];
    var ids = mode === "actor" ? actorsOf(inc).map(function (a) { return a[0]; }) : claimantsOf(inc);
    ids = Array.from(new Set(ids)).sort();
    if (!ids.length) return [["none", mode === "actor" ? "(no actor recorded)" : "(no claim about it)"]];
    return ids.map(function (id) { return ["actor:" + id, name(id)]; });
  }
  function buildEntries(mode) {
    var groups = new Map();
    tlEntries = [];
    dated.forEach(function (inc) {
      groupKeys(inc, mode).forEach(function (g) {
        groups.set(g[0], g[1]);
        tlEntries.push({ id: inc.id + "@@" + g[0], inc: inc, group: g[0],
          start: utc(inc.event_time.start), end: utc(inc.event_time.end) + DAY });
      });
    });
    var order = Array.from(groups.keys()).sort(function (a, b) {
      if ((a === "none") !== (b === "none")) return a === "none" ? 1 : -1;
      return groups.get(a).localeCompare(groups.get(b));
    });
    return order.map(function (g, i) { return { id: g, label: groups.get(g), order: i }; });
  }
  function itemFor(entry) {
    var inc = entry.inc, prec = inc.event_time.precision;
    return { id: entry.id, group: entry.group, start: entry.start, end: entry.end, type: "range",
      className: "prec-" + prec + (isDisputed(inc) ? " disputed" : ""), incId: inc.id };
  }
  function itemLabel(item) {
    if (item.bucket) return el("span", { className: "item-label", text: item.bucket.count + " incidents" });
    var inc = nodes.get(item.incId);
    var prec = inc.event_time.precision;
    var span = el("span", { className: "item-label", "data-incident": inc.id }, [
      isDisputed(inc) ? el("span", { className: "mark", title: "disputed", text: "\u2691" }) : null,
      typeLabel(inc.incident_type) + ": " + (inc.summary || "").slice(0, 60) + ((inc.summary || "").length > 60 ? "\u2026" : ""),
      prec !== "day" ? el("span", { className: "prec", text: "[" + spanLabel(inc.event_time) + "]" }) : null,
    ]);
    return span;
  }
  var BUCKETS = [
    ["day", DAY, function (t) { return Math.floor(t / DAY) * DAY; }, function (t) { return t + DAY; }],
    // Weeks start on Monday (1970-01-01 was a Thursday).
    ["week", 7 * DAY, function (t) { var d = Math.floor(t / DAY); return (Math.floor((d + 3) / 7) * 7 - 3) * DAY; }, function (t) { return t + 7 * DAY; }],
    ["month", 30.4 * DAY, function (t) { var d = new Date(t); return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1); },
      function (t) { var d = new Date(t); return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1); }],
    ["year", 365.25 * DAY, function (t) { return Date.UTC(new Date(t).getUTCFullYear(), 0, 1); },
      function (t) { return Date.UTC(new Date(t).getUTCFullYear() + 1, 0, 1); }],
  ];
  function renderWindow() {
    if (!aggregated) return;
    var w = timeline.getWindow(), a = w.start.valueOf(), b = w.end.valueOf(), m = (b - a) * 0.5;
    var inView = tlEntries.filter(function (e) { return e.start < b + m && e.end > a - m; });
    var items;
    if (inView.length <= AGGREGATE_ABOVE) {
      items = inView.map(itemFor);
      $("tl-mode").textContent = "Showing " + inView.length + " incidents in and around this window. Zoom out for counts.";
    } else {
      var nGroups = tlGroups.length, unit = BUCKETS[BUCKETS.length - 1];
      for (var i = 0; i < BUCKETS.length; i++) {
        if (((b - a + 2 * m) / BUCKETS[i][1]) * nGroups <= AGGREGATE_ABOVE) { unit = BUCKETS[i]; break; }
      }
      var buckets = new Map();
      inView.forEach(function (e) {
        var s = unit[2](e.start), key = e.group + "|" + s;
        var bk = buckets.get(key);
        if (!bk) { bk = { start: s, end: unit[3](s), group: e.group, count: 0, vague: 0 }; buckets.set(key, bk); }
        bk.count++;
        if (e.end - e.start > unit[1]) bk.vague++;
      });
      items = Array.from(buckets.values()).map(function (bk, i) {
        return { id: "bucket-" + i, group: bk.group, start: bk.start, end: bk.end, type: "range", className: "bucket", bucket: bk };
      });
      $("tl-mode").textContent = inView.length + " incidents: counts per " + unit[0] + " and group (by the start of each incident's date). Zoom in or select a count to expand it.";
    }
    tlItems.clear();
    tlItems.add(items);
    if (selectedIncident) timeline.setSelection(idsOfIncident(selectedIncident));
  }
  function idsOfIncident(incId) {
    return tlEntries.filter(function (e) { return e.inc.id === incId; }).map(function (e) { return e.id; })
      .filter(function (id) { return tlItems.get(id) != null; });
  }
  function setGrouping(mode) {
    var groups = buildEntries(mode);
    tlGroups = groups;
    aggregated = tlEntries.length > AGGREGATE_ABOVE;
    timeline.setGroups(new vis.DataSet(groups.map(function (g) { return { id: g.id, label: g.label, order: g.order }; })));
    if (aggregated) renderWindow();
    else {
      tlItems.clear(); tlItems.add(tlEntries.map(itemFor));
      $("tl-mode").textContent = tlEntries.length + " timeline entries for " + dated.length + " dated incidents.";
      if (selectedIncident) timeline.setSelection(idsOfIncident(selectedIncident));
    }
  }
  function selectIncident(incId, opts) {
    opts = opts || {};
    var inc = nodes.get(incId);
    if (!inc) return;
    selectedIncident = incId;
    if (timeline && inc.event_time && inc.event_time.start) {
      var ids = idsOfIncident(incId);
      if (!ids.length) {
        var s = utc(inc.event_time.start), e = utc(inc.event_time.end) + DAY, pad = Math.max(e - s, 30 * DAY);
        timeline.setWindow(s - pad, e + pad, { animation: false });
        renderWindow();
        ids = idsOfIncident(incId);
      }
      timeline.setSelection(ids);
      if (opts.focus !== false && ids.length) timeline.focus(ids, { animation: false });
    }
    renderIncident($("incident-detail"), inc);
    if (map) highlightMarker(incId);
  }
  function stepIncident(delta) {
    if (!dated.length) return;
    var i = selectedIncident ? dated.findIndex(function (x) { return x.id === selectedIncident; }) : -1;
    var j = i < 0 ? (delta > 0 ? 0 : dated.length - 1) : Math.min(dated.length - 1, Math.max(0, i + delta));
    selectIncident(dated[j].id);
  }
  function initTimeline() {
    var container = $("timeline");
    tlItems = new vis.DataSet([]);
    timeline = new vis.Timeline(container, tlItems, {
      moment: function (d) { return vis.moment(d).utc(); },
      orientation: "top", stack: true, showTooltips: false, showCurrentTime: false, selectable: true, multiselect: false,
      zoomMin: DAY, verticalScroll: true, maxHeight: 560, groupOrder: "order",
      margin: { item: { horizontal: 2, vertical: 4 } },
      template: function (item) { return itemLabel(item); },
      groupTemplate: function (g) { return g ? el("span", { text: g.label }) : el("span"); },
    });
    // Hundreds of actor rows make a timeline nobody can read (and slow to draw): start by type then.
    var actorGroups = new Set();
    dated.forEach(function (inc) { actorsOf(inc).forEach(function (a) { actorGroups.add(a[0]); }); });
    if (actorGroups.size > MAX_DEFAULT_GROUPS) $("group-by").value = "type";
    setGrouping($("group-by").value);
    timeline.on("select", function (p) {
      var it = p.items.length && tlItems.get(p.items[0]);
      if (!it) return;
      if (it.bucket) { timeline.setWindow(it.bucket.start, it.bucket.end, { animation: false }); return; }
      selectIncident(it.incId, { focus: false });
    });
    timeline.on("itemover", function (p) {
      var it = tlItems.get(p.item);
      if (it && !it.bucket) renderIncident($("incident-detail"), nodes.get(it.incId));
    });
    timeline.on("rangechanged", function () { renderWindow(); });
    $("group-by").addEventListener("change", function (ev) { setGrouping(ev.target.value); });
    $("tl-zoom-in").addEventListener("click", function () { timeline.zoomIn(0.5, { animation: false }); });
    $("tl-zoom-out").addEventListener("click", function () { timeline.zoomOut(0.5, { animation: false }); });
    $("tl-fit").addEventListener("click", fitAll);
    container.addEventListener("keydown", function (ev) {
      var handled = true;
      if (ev.key === "ArrowRight") stepIncident(1);
      else if (ev.key === "ArrowLeft") stepIncident(-1);
      else if (ev.key === "Home") selectIncident(dated[0] && dated[0].id);
      else if (ev.key === "End") selectIncident(dated.length && dated[dated.length - 1].id);
      else if (ev.key === "+" || ev.key === "=") timeline.zoomIn(0.5, { animation: false });
      else if (ev.key === "-") timeline.zoomOut(0.5, { animation: false });
      else handled = false;
      if (handled) ev.preventDefault();
    });
    container.addEventListener("focus", function () {
      if (!selectedIncident && dated.length) renderIncident($("incident-detail"), dated[0]);
    });
    var undated = incidents.filter(function (i) { return !(i.event_time && i.event_time.start); });
    if (undated.length) {
      var box = $("undated");
      box.appendChild(el("h3", { text: undated.length + " incident" + (undated.length > 1 ? "s" : "") + " with an unknown date (not drawn on the timeline)" }));
      box.appendChild(el("ul", null, undated.slice(0, LIST_MAX).map(function (inc) {
        return el("li", null, [el("button", { type: "button", className: "linklike",
          text: typeLabel(inc.incident_type) + ": " + (inc.summary || inc.id) + (inc.event_time && inc.event_time.raw ? " (text: \u201c" + inc.event_time.raw + "\u201d)" : ""),
          onclick: function () { renderIncident($("incident-detail"), inc); } })]);
      })));
    }
    fitAll();
  }
  // The whole span of the dated incidents with a margin, so items at either end are not cut off.
  function fitAll() {
    if (!dated.length) { timeline.fit({ animation: false }); return; }
    var lo = Infinity, hi = -Infinity;
    tlEntries.forEach(function (e) { if (e.start < lo) lo = e.start; if (e.end > hi) hi = e.end; });
    // More room on the right: labels run right from the start of their item.
    var pad = Math.max((hi - lo) * 0.04, 7 * DAY);
    timeline.setWindow(lo - pad, hi + 6 * pad, { animation: false });
    renderWindow();
  }

  // ---------------------------------------------------------------- claim chains
  var cy = null, currentChain = null, selectedClaim = null, laneColour = new Map();
  function colourOf(actorId) {
    if (!laneColour.has(actorId)) laneColour.set(actorId, PALETTE[laneColour.size % PALETTE.length]);
    return laneColour.get(actorId);
  }
  function rootOf(c) {
    var seen = new Set([c.id]);
    while (c.about_id) {
      var p = nodes.get(c.about_id);
      if (!p || p.kind !== "Claim" || seen.has(p.id)) break;
      seen.add(p.id); c = p;
    }
    return c;
  }
  // The longest chain holding the claim: the one of its original claim, or, for a counter-accusation,
  // the chain of the accusation its author denied.
  function bestChainFor(id) {
    var c = nodes.get(id), cands = [chainOf(rootOf(c))];
    if (c.claimant_id) {
      outOf("MADE", c.claimant_id).forEach(function (e) {
        var d = nodes.get(e.target);
        if (d && d.kind === "Claim" && d.stance === "deny" && chainChildren(d).some(function (kr) { return kr[0].id === id; })) {
          cands.push(chainOf(rootOf(d)));
        }
      });
    }
    cands = cands.filter(function (ch) { return ch.some(function (s) { return s.claim.id === id; }); });
    cands.sort(function (a, b) { return b.length - a.length; });
    return cands[0] || null;
  }
  function graphClaims() {
    var v = $("chain-select").value;
    if (v === "__all") return claims;
    var root = nodes.get(v);
    return root ? chainOf(root).map(function (s) { return s.claim; }) : [];
  }
  function drawGraph() {
    var shown = graphClaims(), ids = new Set(shown.map(function (c) { return c.id; }));
    // Order: claim time, but a reply always right of what it replies to (topological, time as tie-break).
    var parents = new Map();
    shown.forEach(function (c) {
      chainChildren(c).forEach(function (kr) {
        if (ids.has(kr[0].id) && kr[0].id !== c.id) push(parents, kr[0].id, [c.id, kr[1]]);
      });
    });
    var indeg = new Map(shown.map(function (c) { return [c.id, 0]; })), kidsOf = new Map();
    parents.forEach(function (ps, kid) { ps.forEach(function (p) { indeg.set(kid, indeg.get(kid) + 1); push(kidsOf, p[0], kid); }); });
    var rank = new Map(shown.map(function (c, i) { return [c.id, i]; }));
    var ready = shown.filter(function (c) { return indeg.get(c.id) === 0; }).map(function (c) { return c.id; });
    var order = [];
    while (ready.length) {
      ready.sort(function (a, b) { return rank.get(a) - rank.get(b); });
      var id = ready.shift(); order.push(id);
      (kidsOf.get(id) || []).forEach(function (k) { indeg.set(k, indeg.get(k) - 1); if (indeg.get(k) === 0) ready.push(k); });
    }
    shown.forEach(function (c) { if (order.indexOf(c.id) < 0) order.push(c.id); }); // cycles: keep time order
    var lanes = [];
    order.forEach(function (id) {
      var c = nodes.get(id);
      [c.claimant_id, c.stance === "accuse" ? c.target_id : null].forEach(function (a) { if (a && lanes.indexOf(a) < 0) lanes.push(a); });
    });
    var hasUnknown = order.some(function (id) { return !nodes.get(id).claimant_id; });
    if (hasUnknown) lanes.push("__unknown");
    var laneY = function (a) { return 90 * lanes.indexOf(a || "__unknown"); };
    var els = [];
    lanes.forEach(function (a) {
      els.push({ group: "nodes", data: { id: "lane:" + a, label: a === "__unknown" ? "(claimant not named)" : name(a), colour: a === "__unknown" ? "#4b5563" : colourOf(a) },
        position: { x: -200, y: laneY(a) }, classes: "actor", locked: true });
    });
    order.forEach(function (id, col) {
      var c = nodes.get(id), x = col * 180, colour = c.claimant_id ? colourOf(c.claimant_id) : "#4b5563";
      els.push({ group: "nodes", data: { id: c.id, label: (STANCE_VERB[c.stance] || c.stance) + "\n" + spanLabel(c.claim_time), colour: colour },
        position: { x: x, y: laneY(c.claimant_id) }, classes: "claim " + c.stance + (isDenied(c) ? " denied" : "") });
      if (c.stance === "accuse" && c.target_id) {
        els.push({ group: "nodes", data: { id: "tgt:" + c.id, label: name(c.target_id), colour: colourOf(c.target_id) },
          position: { x: x + 40, y: laneY(c.target_id) + (c.target_id === c.claimant_id ? 40 : 0) }, classes: "target" });
        els.push({ group: "edges", data: { id: "acc:" + c.id, source: c.id, target: "tgt:" + c.id, colour: colour, label: "accuses" }, classes: "accuse" });
      }
    });
    parents.forEach(function (ps, kid) {
      ps.forEach(function (p) {
        var k = nodes.get(kid), colour = k.claimant_id ? colourOf(k.claimant_id) : "#4b5563";
        var cls = p[1] === "counter" ? "counter" : (k.stance === "deny" ? "deny" : "reply");
        els.push({ group: "edges", data: { id: cls + ":" + p[0] + ":" + kid, source: p[1] === "counter" ? p[0] : kid, target: p[1] === "counter" ? kid : p[0],
          colour: colour, label: cls === "counter" ? "counter-accuses" : (cls === "deny" ? "denies" : "replies to") }, classes: cls });
      });
    });
    if (cy) cy.destroy();
    cy = cytoscape({
      container: $("cy"), elements: els, layout: { name: "preset" },
      autoungrabify: true, boxSelectionEnabled: false,
      style: [
        { selector: "node", style: { label: "data(label)", "font-size": 11, color: "#1a1a1a", "text-wrap": "wrap", "text-max-width": 150 } },
        { selector: "node.actor", style: { shape: "round-rectangle", width: 150, height: 30, "background-color": "#ffffff", "border-width": 3,
          "border-color": "data(colour)", "text-valign": "center", "font-weight": "bold" } },
        { selector: "node.claim", style: { shape: "ellipse", width: 26, height: 26, "background-color": "data(colour)", "text-valign": "bottom", "text-margin-y": 4 } },
        { selector: "node.claim.deny", style: { shape: "diamond" } },
        { selector: "node.claim.assert", style: { shape: "round-rectangle" } },
        { selector: "node.claim.denied", style: { "border-width": 3, "border-color": "#a4161a" } },
        { selector: "node.target", style: { shape: "round-tag", width: 14, height: 14, "background-color": "#ffffff", "border-width": 2, "border-color": "data(colour)",
          "font-size": 10, "text-valign": "center", "text-halign": "right", "text-margin-x": 4 } },
        { selector: "node:selected", style: { "overlay-color": "#b45309", "overlay-opacity": 0.35, "overlay-padding": 6 } },
        { selector: "edge", style: { width: 2, "line-color": "data(colour)", "target-arrow-color": "data(colour)", "target-arrow-shape": "triangle",
          "curve-style": "bezier", label: "data(label)", "font-size": 9, color: "#1a1a1a", "text-background-color": "#ffffff", "text-background-opacity": 0.85 } },
        { selector: "edge.deny", style: { "line-style": "dashed", "target-arrow-shape": "tee" } },
        { selector: "edge.reply", style: { "line-style": "dotted" } },
        { selector: "edge.counter", style: { width: 3, "line-style": "solid", "target-arrow-shape": "triangle-backcurve" } },
      ],
    });
    cy.on("tap", "node.claim", function (ev) { selectClaim(ev.target.id(), { fromGraph: true }); });
    cy.fit(undefined, 30);
    if (selectedClaim && cy.$id(selectedClaim).length) cy.$id(selectedClaim).select();
  }
  function renderChainList() {
    var list = clear($("chain-list"));
    (currentChain || []).forEach(function (s) {
      var c = s.claim;
      var rel = s.relation === "root" ? "" : s.relation === "counter" ? "counter-accusation: " : (c.stance === "deny" ? "denial: " : "reply: ");
      list.appendChild(el("li", { className: "rel-" + s.relation + (c.id === selectedClaim ? " current" : ""), style: "margin-left:" + s.depth + "em" }, [
        el("button", { type: "button", className: "linklike", "aria-current": c.id === selectedClaim ? "true" : null,
          text: rel + name(c.claimant_id) + " " + (STANCE_VERB[c.stance] || c.stance) + " (" + spanLabel(c.claim_time) + "): \u201c" + c.quote.slice(0, 90) + (c.quote.length > 90 ? "\u2026" : "") + "\u201d",
          onclick: function () { selectClaim(c.id); } }),
      ]));
    });
  }
  function selectClaim(id, opts) {
    opts = opts || {};
    var c = nodes.get(id);
    if (!c || c.kind !== "Claim") return;
    if (!initialised.claims) { initialised.claims = true; INIT.claims(); }
    selectedClaim = id;
    if (!currentChain || !currentChain.some(function (s) { return s.claim.id === id; })) currentChain = bestChainFor(id) || [{ claim: c, depth: 0, parent: null, relation: "root" }];
    var sel = $("chain-select");
    if (sel.value !== "__all" && !graphClaims().some(function (k) { return k.id === id; })) {
      sel.value = currentChain[0].claim.id; drawGraph();
    }
    if (cy) { cy.$(":selected").unselect(); var n = cy.$id(id); if (n.length) { n.select(); if (!opts.fromGraph) cy.center(n); } }
    renderClaim($("claim-detail"), c);
    renderChainList();
  }
  function stepChain(where) {
    if (!currentChain || !currentChain.length) return;
    var i = currentChain.findIndex(function (s) { return s.claim.id === selectedClaim; });
    var j = where === "first" ? 0 : where === "last" ? currentChain.length - 1 : Math.max(0, Math.min(currentChain.length - 1, i + where));
    selectClaim(currentChain[j].claim.id);
  }
  function chainLabel(r, i) {
    var n = chainOf(r).length;
    return (i + 1) + ". " + name(r.claimant_id) + " " + (STANCE_VERB[r.stance] || r.stance) +
      (r.target_id ? " " + name(r.target_id) : "") + " (" + spanLabel(r.claim_time) + ", " + n + " claim" + (n > 1 ? "s" : "") + ")";
  }
  // What a search matches in a chain: every claim's claimant, target, quote and date, lower-cased once.
  var chainTexts = new Map();
  function chainText(r) {
    var t = chainTexts.get(r.id);
    if (t === undefined) {
      t = chainOf(r).map(function (s) {
        var c = s.claim;
        return [name(c.claimant_id), c.target_id ? name(c.target_id) : "", c.quote, spanLabel(c.claim_time)].join(" ");
      }).join(" ").toLowerCase();
      chainTexts.set(r.id, t);
    }
    return t;
  }
  // The chain list: every chain, or those whose text holds all the search words. Only the first LIST_MAX
  // matches become options (a longer <select> freezes the page); the count says how many matched.
  function fillChainSelect(query) {
    var sel = $("chain-select"), words = query.toLowerCase().split(/\s+/).filter(Boolean);
    clear(sel);
    if (!words.length && claims.length <= GRAPH_ALL_CHAINS_MAX) sel.appendChild(el("option", { value: "__all", text: "All " + claims.length + " claims" }));
    var matches = [];
    chainRoots.forEach(function (r, i) {
      if (!words.length || words.every(function (w) { return chainText(r).indexOf(w) >= 0; })) matches.push([r, i]);
    });
    matches.slice(0, LIST_MAX).forEach(function (m) { sel.appendChild(el("option", { value: m[0].id, text: chainLabel(m[0], m[1]) })); });
    var shown = Math.min(matches.length, LIST_MAX);
    $("chain-count").textContent = words.length
      ? matches.length + " of " + chainRoots.length + " chains match" + (matches.length > LIST_MAX ? "; the first " + LIST_MAX + " are listed" : "")
      : (chainRoots.length > LIST_MAX ? "the first " + shown + " of " + chainRoots.length + " chains are listed; type to find the others" : chainRoots.length + " chains");
  }
  function initClaims() {
    ensureClaims();
    var sel = $("chain-select");
    fillChainSelect("");
    var pending = null;
    $("chain-search").addEventListener("input", function () {
      // Debounced: at 30k claims one pass over every chain's text takes tens of milliseconds.
      clearTimeout(pending);
      pending = setTimeout(function () {
        var before = sel.value;
        fillChainSelect($("chain-search").value);
        if (sel.value && sel.value !== before) sel.dispatchEvent(new Event("change"));
      }, 150);
    });
    sel.addEventListener("change", function () {
      if (sel.value !== "__all") { currentChain = chainOf(nodes.get(sel.value)); selectedClaim = sel.value; }
      drawGraph();
      if (sel.value !== "__all") selectClaim(sel.value);
    });
    $("chain-first").addEventListener("click", function () { stepChain("first"); });
    $("chain-prev").addEventListener("click", function () { stepChain(-1); });
    $("chain-next").addEventListener("click", function () { stepChain(1); });
    $("chain-last").addEventListener("click", function () { stepChain("last"); });
    var legend = $("chain-legend");
    [["solid", "accuses (claim \u2192 accused actor)"], ["dashed", "denies (denial \u2192 denied claim)"], ["dotted", "replies to"],
     ["solid", "counter-accuses (thick: denial \u2192 counter-accusation)"]].forEach(function (l) {
      legend.appendChild(el("span", null, [el("span", { className: "swatch " + l[0] }), l[1]]));
    });
    legend.appendChild(el("span", { text: "Colour = claimant; lanes = actors; left \u2192 right = claim time (a reply always right of what it answers). Diamond = denial, square = assertion, red ring = denied." }));
    if (sel.options.length) {
      if (chainRoots.length) currentChain = chainOf(chainRoots[0]);
      drawGraph();
      renderChainList();
    }
  }

  // ---------------------------------------------------------------- map
  var map = null, markers = new Map();
  function highlightMarker(incId) {
    markers.forEach(function (m, id) {
      var on = id === incId;
      if (m.getElement && m.getElement()) m.getElement().classList.toggle("selected", on);
      else if (m.setStyle) m.setStyle({ weight: on ? 4 : 1 });
    });
  }
  function initMap() {
    map = L.map("map", { preferCanvas: true, worldCopyJump: true, zoomSnap: 0.25 });
    var countries = topojson.feature(BASEMAP, BASEMAP.objects.countries);
    // Leaflet draws straight lines, so a ring crossing the antimeridian (Russia, Fiji, Antarctica) would
    // streak across the map; unwrapping its longitudes keeps each ring continuous.
    var unwrap = function (ring) {
      var shift = 0;
      return ring.map(function (p, i) {
        if (i > 0) { var d = p[0] - ring[i - 1][0]; if (d > 180) shift -= 360; else if (d < -180) shift += 360; }
        return [p[0] + shift, p[1]];
      });
    };
    countries.features.forEach(function (f) {
      var g = f.geometry;
      if (!g) return;
      if (g.type === "Polygon") g.coordinates = g.coordinates.map(unwrap);
      else if (g.type === "MultiPolygon") g.coordinates = g.coordinates.map(function (poly) { return poly.map(unwrap); });
    });
    L.geoJSON(countries, { interactive: false, style: { color: "#6b7280", weight: 1, fillColor: "#f7f7f2", fillOpacity: 1 } }).addTo(map);
    map.attributionControl.addAttribution("Country outlines: Natural Earth (public domain) via world-atlas");
    var located = [];
    incidents.forEach(function (inc) { var p = placeOf(inc); if (p) located.push([inc, p]); });
    var unlocated = incidents.length - located.length;
    $("map-note").textContent = located.length + " of " + incidents.length + " incidents have coordinates and are shown" +
      (unlocated ? "; " + unlocated + " have no place with coordinates and are not drawn" : "") +
      ". Circles show a place's precision radius where it is known. Markers at one place are fanned out around it.";
    var dom = located.length <= MAP_DOM_MARKERS_MAX, atPlace = new Map();
    located.forEach(function (lp) { push(atPlace, lp[1].loc.lat + "," + lp[1].loc.lon, lp[0].id); });
    // Leaflet adds layers only once the map has a view, so the view comes first.
    var bounds = located.map(function (lp) { return [lp[1].loc.lat, lp[1].loc.lon]; });
    if (bounds.length) map.fitBounds(bounds, { padding: [40, 40], maxZoom: 7 }); else map.setView([20, 0], 1);
    located.forEach(function (lp) {
      var inc = lp[0], loc = lp[1].loc, ll = [loc.lat, loc.lon], disputed = isDisputed(inc);
      if (loc.precision_km != null && loc.precision_km > 0) {
        L.circle(ll, { radius: loc.precision_km * 1000, interactive: false, color: disputed ? "#a4161a" : "#0b5394", weight: 1, dashArray: "4 4", fillOpacity: 0.06 }).addTo(map);
      }
      var title = typeLabel(inc.incident_type) + " " + spanLabel(inc.event_time) + " \u2014 " + (inc.summary || "") + " (" + loc.name + ")";
      var m;
      if (dom) {
        var same = atPlace.get(loc.lat + "," + loc.lon), k = same.indexOf(inc.id), n = same.length;
        var dx = n > 1 ? Math.round(14 * Math.cos(2 * Math.PI * k / n)) : 0, dy = n > 1 ? Math.round(14 * Math.sin(2 * Math.PI * k / n)) : 0;
        m = L.marker(ll, { keyboard: true, title: title, alt: title,
          icon: L.divIcon({ className: "map-pin" + (disputed ? " disputed" : ""), iconSize: [16, 16], iconAnchor: [8 - dx, 8 - dy] }) });
      } else {
        m = L.circleMarker(ll, { radius: 5, weight: 1, color: "#1a1a1a", fillColor: disputed ? "#a4161a" : "#0b5394", fillOpacity: 0.9 });
      }
      m.on("click", function () { mapSelect(inc.id); });
      m.addTo(map);
      if (dom) m.getElement().setAttribute("data-incident", inc.id);
      markers.set(inc.id, m);
    });
    var list = $("map-list");
    if (located.length) {
      list.appendChild(el("h3", { text: "Located incidents" }));
      list.appendChild(el("ul", null, located.slice(0, LIST_MAX).map(function (lp) {
        var inc = lp[0];
        return el("li", null, [el("button", { type: "button", className: "linklike",
          text: spanLabel(inc.event_time) + " " + typeLabel(inc.incident_type) + " at " + lp[1].loc.name + (lp[1].own ? "" : " (nearest place with coordinates)"),
          onclick: function () { mapSelect(inc.id); } })]);
      })));
    }
  }
  function mapSelect(incId) {
    selectIncident(incId, { focus: true });
    renderIncident($("map-detail"), nodes.get(incId));
    highlightMarker(incId);
  }

  // ---------------------------------------------------------------- sources
  function initSources() {
    var arts = byKind.Article.slice().sort(function (a, b) { return ((a.published || "9999") + a.id) < ((b.published || "9999") + b.id) ? -1 : 1; });
    var stories = new Map();
    arts.forEach(function (a) { push(stories, findStory(a.id), a); });
    var reported = new Map();
    DATA.edges.forEach(function (e) { if (e.type === "REPORTED_IN") reported.set(e.target, (reported.get(e.target) || 0) + 1); });
    $("sources-summary").textContent = arts.length + " article" + (arts.length === 1 ? "" : "s") + " in " + stories.size +
      " independent stor" + (stories.size === 1 ? "y" : "ies") + " (syndicated copies linked as SAME_STORY count once).";
    var tbody = el("tbody");
    var i = 0;
    stories.forEach(function (group) {
      if (i++ >= LIST_MAX) return;
      group.forEach(function (a, k) {
        var url = safeUrl(a.url);
        tbody.appendChild(el("tr", null, [
          k === 0 ? el("td", { rowspan: String(group.length), text: String(i) + (group.length > 1 ? " (" + group.length + " copies)" : "") }) : null,
          el("td", { text: a.title || a.id }), el("td", { text: a.outlet || "unknown" }),
          el("td", { text: a.published ? a.published + (a.published_inferred ? " (inferred)" : "") : "unknown" }),
          el("td", null, [url ? el("a", { href: url, rel: "noopener noreferrer", target: "_blank", text: url })
            : a.url ? a.url + " (not a web link)" : "no URL"]),
          el("td", { text: String(reported.get(a.id) || 0) }),
        ]));
      });
    });
    var table = el("table", { id: "sources" }, [
      el("caption", { className: "hint", text: "Every article, grouped by story: copies of one story share a row group." }),
      el("thead", null, [el("tr", null, ["Story", "Title", "Outlet", "Published", "URL", "Items reported"].map(function (h) { return el("th", { scope: "col", text: h }); }))]),
      tbody,
    ]);
    $("sources-table").appendChild(table);
    if (stories.size > LIST_MAX) $("sources-table").appendChild(el("p", { className: "hint", text: "Only the first " + LIST_MAX + " stories are listed." }));
  }

  var INIT = { timeline: initTimeline, claims: initClaims, map: initMap, sources: initSources, about: function () {} };
  window.__report = {
    get timeline() { return timeline; }, get cy() { return cy; }, get map() { return map; }, markers: markers,
    selectIncident: selectIncident, selectClaim: selectClaim, showView: showView, aggregateAbove: AGGREGATE_ABOVE,
  };
  showView("timeline");
  window.__reportReadyAt = performance.now();
  window.__reportReady = true;
  }
})();
