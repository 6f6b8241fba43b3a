// dealgraph's page: the network, the legend with toggles, search, details and evidence.
// Everything a source says reaches the page through textContent or vis-network's canvas,
// never as HTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("dealgraph-data").textContent);
  // Lookups keyed by ids from the sources: no prototype, so an id like "constructor" is just a key.
  function table() { return Object.create(null); }
  var hiddenKinds = table();
  var hiddenTypes = table();
  var kindOf = table();
  var base = table();

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  // The same folding as dealgraph.graph.names.name_key: case, diacritics, dots, spaces.
  function fold(s) {
    return String(s)
      .replace(/[\u2019\u2018]/g, "'").replace(/[\u201c\u201d]/g, '"').replace(/[\u2013\u2014\u2010]/g, "-")
      .normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/\./g, "")
      .replace(/\s+/g, " ").trim();
  }

  // Hover text: vis-network shows a string title as text (innerText), never as HTML.
  function nodeTitle(n) {
    var lines = [n.label, n.kind + " \u00b7 " + n.degree + " relationship" + (n.degree === 1 ? "" : "s")];
    if (n.aliases.length) lines.push("aliases: " + n.aliases.join(", "));
    return lines.join("\n");
  }
  function edgeTitle(e) {
    var lines = [labelOf[e.from] + " \u2192 " + e.type + " \u2192 " + labelOf[e.to]];
    if (e.money) lines.push(moneyText(e.money));
    Object.keys(e.dates).forEach(function (k) { lines.push(k.replace(/_/g, " ") + ": " + e.dates[k]); });
    if (e.status) lines.push("status: " + e.status);
    e.evidence.forEach(function (ev) { lines.push("\u201c" + ev.quote + "\u201d \u2014 " + ev.title); });
    return lines.join("\n");
  }
  function amount(v) {
    if (v >= 1e12) return (v / 1e12).toFixed(v % 1e12 ? 2 : 0) + " trillion";
    if (v >= 1e9) return (v / 1e9).toFixed(v % 1e9 ? 1 : 0) + " billion";
    if (v >= 1e6) return (v / 1e6).toFixed(v % 1e6 ? 1 : 0) + " million";
    return String(v);
  }
  function moneyText(m) {
    var q = m.qualifier && m.qualifier !== "exact" ? m.qualifier.replace(/_/g, " ") + " " : "";
    var text = q + m.currency + " " + amount(m.amount);
    if (m.usd !== undefined && m.currency !== "USD") {
      text += " (USD " + amount(m.usd) + ", " + (m.usd_basis || "").replace(/_/g, " ") + ")";
    }
    return text;
  }
  var labelOf = table();
  data.nodes.forEach(function (n) { labelOf[n.id] = n.label; });
  data.edges.forEach(function (e) {
    // Empty fields are left out of the page's data.
    e.dates = e.dates || {};
    e.history = e.history || [];
  });

  // vis-network keeps nodes and edges in plain objects keyed by id, so an entity or claim with
  // the id "constructor" broke the page: the ids given to vis carry a prefix.
  function nv(id) { return "n:" + id; }
  function ev(id) { return "e:" + id; }
  function raw(visId) { return String(visId).slice(2); }

  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    kindOf[n.id] = n.kind;
    base[n.id] = n.color;
    var node = {
      id: nv(n.id), label: n.label, shape: n.shape, size: n.size, title: nodeTitle(n),
      color: { background: n.color, border: n.color }, font: { size: 14 }
    };
    if (n.x !== undefined) { node.x = n.x; node.y = n.y; }
    return node;
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    return {
      id: ev(e.id), from: nv(e.from), to: nv(e.to), label: e.label, width: e.width, arrows: "to", title: edgeTitle(e),
      color: { color: e.color, highlight: e.color, opacity: 0.9 }, font: { size: 10, align: "middle" }
    };
  }));
  var byNode = table();
  data.nodes.forEach(function (n) { byNode[n.id] = n; });
  var byEdge = table();
  data.edges.forEach(function (e) { byEdge[e.id] = e; });

  var options = {
    autoResize: true,
    nodes: { borderWidth: 1 },
    edges: { smooth: data.physics ? { type: "dynamic" } : false, selectionWidth: 2 },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: !data.physics },
    physics: {
      enabled: data.physics,
      solver: "forceAtlas2Based",
      stabilization: { enabled: true, iterations: 200, updateInterval: 50 }
    },
    layout: { improvedLayout: data.nodes.length <= 200, randomSeed: 7 }
  };
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  var ready = false;
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: { enabled: document.getElementById("physics").checked } });
    ready = true;
  });
  if (!data.physics) { ready = true; }
  document.getElementById("physics").checked = data.physics;
  document.getElementById("physics").addEventListener("change", function (ev) {
    network.setOptions({ physics: { enabled: ev.target.checked } });
  });

  // -- legend and toggles ------------------------------------------------------------
  function applyVisibility() {
    nodes.update(data.nodes.map(function (n) { return { id: nv(n.id), hidden: !!hiddenKinds[n.kind] }; }));
    edges.update(data.edges.map(function (e) {
      return { id: ev(e.id), hidden: !!hiddenTypes[e.type] || !!hiddenKinds[kindOf[e.from]] || !!hiddenKinds[kindOf[e.to]] };
    }));
  }
  function legendItem(listId, name, colour, isLine, hidden) {
    var li = el("li");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.dataset.name = name;
    box.addEventListener("change", function () { hidden[name] = !box.checked; applyVisibility(); });
    var mark = el("span", null, isLine ? "line" : "swatch");
    mark.style.background = colour;
    li.appendChild(box);
    li.appendChild(mark);
    li.appendChild(el("span", name));
    document.getElementById(listId).appendChild(li);
  }
  var present = table();
  data.nodes.forEach(function (n) { present[n.kind] = (present[n.kind] || 0) + 1; });
  data.kinds.forEach(function (k) {
    if (present[k.kind]) legendItem("legend-kinds", k.kind, k.color, false, hiddenKinds);
  });
  var presentTypes = table();
  data.edges.forEach(function (e) { presentTypes[e.type] = (presentTypes[e.type] || 0) + 1; });
  data.types.forEach(function (t) {
    if (presentTypes[t.type]) legendItem("legend-types", t.type, t.color, true, hiddenTypes);
  });

  // -- details -----------------------------------------------------------------------
  var details = document.getElementById("details");
  function clear() { while (details.firstChild) details.removeChild(details.firstChild); }
  function row(dl, key, value) {
    if (value === undefined || value === null || value === "") return;
    dl.appendChild(el("dt", key));
    dl.appendChild(el("dd", value));
  }
  function evidenceList(items) {
    var frag = document.createDocumentFragment();
    items.forEach(function (ev) {
      frag.appendChild(el("blockquote", ev.quote, "quote"));
      frag.appendChild(el("div", ev.title + " (" + ev.doc + ")", "doc"));
    });
    return frag;
  }
  function showNode(id) {
    var n = byNode[id];
    clear();
    details.dataset.node = id;
    delete details.dataset.edge;
    details.appendChild(el("h2", n.label));
    var dl = el("dl");
    row(dl, "kind", n.kind);
    row(dl, "id", n.id);
    row(dl, "aliases", n.aliases.join(", "));
    row(dl, "relationships", n.degree);
    details.appendChild(dl);
  }
  function showEdge(id) {
    var e = byEdge[id];
    clear();
    details.dataset.edge = id;
    delete details.dataset.node;
    details.appendChild(el("h2", byNode[e.from].label + " \u2192 " + e.type + " \u2192 " + byNode[e.to].label));
    var dl = el("dl");
    row(dl, "claim", e.id);
    if (e.counterparty) row(dl, "counterparty", byNode[e.counterparty] ? byNode[e.counterparty].label : e.counterparty);
    if (e.money) {
      var m = e.money;
      var q = m.qualifier && m.qualifier !== "exact" ? m.qualifier.replace(/_/g, " ") + " " : "";
      row(dl, "money", q + m.currency + " " + amount(m.amount));
      if (m.usd !== undefined && m.currency !== "USD") {
        row(dl, "in USD", "USD " + amount(m.usd) + " (" + (m.usd_basis || "").replace(/_/g, " ") + ")");
      }
    }
    Object.keys(e.dates).forEach(function (k) { row(dl, k.replace(/_/g, " "), e.dates[k]); });
    row(dl, "status", e.status);
    row(dl, "note", e.note);
    details.appendChild(dl);
    if (e.history.length) {
      details.appendChild(el("h3", "Deadline history"));
      var ol = el("ol", null, "history");
      e.history.forEach(function (h) {
        var li = el("li");
        li.appendChild(el("strong", h.due_by));
        if (h.note) li.appendChild(el("span", " \u2014 " + h.note));
        li.appendChild(evidenceList(h.evidence));
        ol.appendChild(li);
      });
      details.appendChild(ol);
    }
    details.appendChild(el("h3", "Evidence"));
    details.appendChild(evidenceList(e.evidence));
  }

  // -- neighbourhood highlight ---------------------------------------------------------
  var dimmed = false;
  function highlight(id) {
    var keep = table();
    keep[id] = true;
    network.getConnectedNodes(nv(id)).forEach(function (n) { keep[raw(n)] = true; });
    nodes.update(data.nodes.map(function (n) {
      var c = keep[n.id] ? base[n.id] : "#e6e6e6";
      return { id: nv(n.id), color: { background: c, border: c }, font: { color: keep[n.id] ? "#222" : "#bbb" } };
    }));
    dimmed = true;
  }
  function unhighlight() {
    if (!dimmed) return;
    nodes.update(data.nodes.map(function (n) {
      return { id: nv(n.id), color: { background: base[n.id], border: base[n.id] }, font: { color: "#222" } };
    }));
    dimmed = false;
  }
  function selectNode(id) {
    network.selectNodes([nv(id)]);
    highlight(id);
    showNode(id);
  }
  network.on("click", function (params) {
    if (params.nodes.length) {
      selectNode(raw(params.nodes[0]));
    } else if (params.edges.length) {
      unhighlight();
      showEdge(raw(params.edges[0]));
    } else {
      unhighlight();
    }
  });

  // -- search --------------------------------------------------------------------------
  function find(query) {
    var key = fold(query);
    if (!key) return null;
    var exact = data.nodes.filter(function (n) { return n.keys.indexOf(key) >= 0; });
    if (exact.length) return exact[0].id;
    var partial = data.nodes.filter(function (n) {
      return n.keys.some(function (k) { return k.indexOf(key) >= 0; });
    });
    return partial.length ? partial[0].id : null;
  }
  function search(query) {
    var status = document.getElementById("search-status");
    var id = find(query);
    if (id === null) {
      status.textContent = "no actor named \u201c" + query + "\u201d";
      return null;
    }
    status.textContent = "";
    if (hiddenKinds[kindOf[id]]) {
      hiddenKinds[kindOf[id]] = false;
      document.querySelectorAll("#legend-kinds input").forEach(function (b) {
        if (b.dataset.name === kindOf[id]) b.checked = true;
      });
      applyVisibility();
    }
    selectNode(id);
    network.focus(nv(id), { scale: 1.2, animation: false });
    return id;
  }
  document.getElementById("search").addEventListener("submit", function (ev) {
    ev.preventDefault();
    search(document.getElementById("search-input").value);
  });

  // For tests and for users' own scripts in the console.
  window.dealgraph = {
    network: network, nodes: nodes, edges: edges, data: data, search: search,
    nodeId: nv, edgeId: ev, id: raw,  // the ids vis uses, and back to dealgraph's
    showEdge: showEdge, showNode: showNode,
    isReady: function () { return ready; },
    setKind: function (kind, shown) {
      hiddenKinds[kind] = !shown;
      document.querySelectorAll("#legend-kinds input").forEach(function (b) {
        if (b.dataset.name === kind) b.checked = shown;
      });
      applyVisibility();
    },
    setType: function (type, shown) {
      hiddenTypes[type] = !shown;
      document.querySelectorAll("#legend-types input").forEach(function (b) {
        if (b.dataset.name === type) b.checked = shown;
      });
      applyVisibility();
    },
    visibleNodes: function () {
      return nodes.get({ filter: function (n) { return !n.hidden; } }).map(function (n) { return raw(n.id); });
    }
  };
})();
