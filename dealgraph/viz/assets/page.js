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
  var DIM = 0.15;            // the opacity of what a highlight leaves out
  var LABEL_MIN_PX = 11;     // node labels: never drawn smaller than this on screen (px), nor larger than their own size
  var LABEL_GAP = 3;         // px between a node and its label, and kept clear around each label
  var LABEL_CELL = 96;       // px: the side of a cell of the grid that finds overlapping labels
  var EDGE_LABEL_MIN = 15;   // edge labels: drawn when zoomed in this far, or when selected or hovered
  var EDGE_FONT = 10;
  // Above this many edges a highlight hides the edges it leaves out instead of dimming them: tens
  // of thousands of faint lines across the screen cost seconds a frame to paint, and show nothing.
  var DIMMED_EDGES_MAX = 10000;
  var ARROW_MIN_SCALE = 0.35;  // below this scale arrow heads (15 px long at scale 1) are not drawn
  var DASH_MIN_PX = 1;         // a dash pattern whose shortest dash or gap is under this on screen is drawn solid

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

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  // Hover text: vis-network shows a string title as text (innerText), never as HTML.
  function nodeTitle(n) {
    var lines = [n.label, n.kind + " \u00b7 " + plural(n.degree, "relationship")];
    if (n.aliases.length) lines.push("aliases: " + n.aliases.join(", "));
    return lines.join("\n");
  }
  function edgeTitle(e) {
    var lines = [nameOf(e.from) + " \u2192 " + e.type + " \u2192 " + nameOf(e.to)];
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
  var byNode = table();
  data.nodes.forEach(function (n) { byNode[n.id] = n; });
  var outside = table();
  Object.keys(data.outside || {}).forEach(function (id) { outside[id] = data.outside[id]; });
  // An entity's name: shown in the view, or named from the whole graph when the view leaves it out.
  function nameOf(id) {
    if (byNode[id]) return byNode[id].label;
    if (outside[id]) return outside[id].label;
    return id;
  }
  var byEdge = table();
  var edgesOf = table();
  data.edges.forEach(function (e) {
    // Empty fields are left out of the page's data.
    e.dates = e.dates || {};
    e.history = e.history || [];
    byEdge[e.id] = e;
    (edgesOf[e.from] = edgesOf[e.from] || []).push(e);
    if (e.to !== e.from) (edgesOf[e.to] = edgesOf[e.to] || []).push(e);
  });
  var typeStyle = table();
  data.types.forEach(function (t) { typeStyle[t.type] = t; });

  // vis-network keeps nodes and edges in plain objects keyed by id, so an entity or claim with
  // the id "constructor" broke the page: the ids given to vis carry a prefix.
  function nv(id) { return "n:" + id; }
  function ev(id) { return "e:" + id; }
  function raw(visId) { return String(visId).slice(2); }

  // -- shapes vis-network does not have: drawn here, label below as vis draws its own ---------
  var SHAPES = {
    pentagon: function (ctx, x, y, r) {
      ctx.beginPath();
      for (var i = 0; i < 5; i++) {
        var a = -Math.PI / 2 + i * 2 * Math.PI / 5;
        ctx[i ? "lineTo" : "moveTo"](x + r * Math.cos(a), y + r * Math.sin(a));
      }
      ctx.closePath();
    },
    ring: function (ctx, x, y, r) {
      ctx.beginPath();
      ctx.arc(x, y, r, 0, 2 * Math.PI);
      ctx.moveTo(x + r * 0.45, y);
      ctx.arc(x, y, r * 0.45, 0, 2 * Math.PI, true);
      ctx.closePath();
    },
    cross: function (ctx, x, y, r) {
      var t = r * 0.38;
      ctx.beginPath();
      ctx.moveTo(x - t, y - r); ctx.lineTo(x + t, y - r); ctx.lineTo(x + t, y - t); ctx.lineTo(x + r, y - t);
      ctx.lineTo(x + r, y + t); ctx.lineTo(x + t, y + t); ctx.lineTo(x + t, y + r); ctx.lineTo(x - t, y + r);
      ctx.lineTo(x - t, y + t); ctx.lineTo(x - r, y + t); ctx.lineTo(x - r, y - t); ctx.lineTo(x - t, y - t);
      ctx.closePath();
    },
    bowtie: function (ctx, x, y, r) {
      ctx.beginPath();
      ctx.moveTo(x - r, y - r * 0.8); ctx.lineTo(x, y); ctx.lineTo(x - r, y + r * 0.8); ctx.closePath();
      ctx.moveTo(x + r, y - r * 0.8); ctx.lineTo(x, y); ctx.lineTo(x + r, y + r * 0.8); ctx.closePath();
    },
    page: function (ctx, x, y, r) {
      var w = r * 0.75, f = r * 0.4;
      ctx.beginPath();
      ctx.moveTo(x - w, y - r); ctx.lineTo(x + w - f, y - r); ctx.lineTo(x + w, y - r + f);
      ctx.lineTo(x + w, y + r); ctx.lineTo(x - w, y + r);
      ctx.closePath();
    }
  };
  var labelFont = table();
  function customShape(args) {
    var ctx = args.ctx, x = args.x, y = args.y, style = args.style, r = style.size;
    var draw = SHAPES[kindShape[raw(args.id)]];
    return {
      drawNode: function () {
        draw(ctx, x, y, r);
        ctx.fillStyle = style.color;
        ctx.fill("evenodd");
        ctx.lineWidth = style.borderWidth;
        ctx.strokeStyle = style.borderColor;
        ctx.stroke();
      },
      nodeDimensions: { width: 2 * r, height: 2 * r }
    };
  }
  var kindShape = table();

  function nodeFont(n) { return Math.round(12 + Math.min(10, 2 * Math.sqrt(n.degree))); }

  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    kindOf[n.id] = n.kind;
    base[n.id] = n.color;
    kindShape[n.id] = n.shape;
    labelFont[n.id] = nodeFont(n);
    var node = {
      // No label: the page draws node labels itself (see "node labels" below).
      id: nv(n.id), size: n.size, title: nodeTitle(n),
      // A selected node keeps its kind's colour: the border marks it.
      color: { background: n.color, border: n.color, highlight: { background: n.color, border: "#111" },
               hover: { background: n.color, border: "#111" } }
    };
    if (SHAPES[n.shape]) { node.shape = "custom"; node.ctxRenderer = customShape; } else { node.shape = n.shape; }
    if (n.x !== undefined) { node.x = n.x; node.y = n.y; }
    return node;
  }));
  function edgeColour(e) { return { color: e.color, highlight: e.color, hover: e.color }; }
  var edges = new vis.DataSet(data.edges.map(function (e) {
    // What all edges share is in the options below, not on each of them: vis parses each one's own.
    var dashes = typeStyle[e.type].dashes;
    var edge = { id: ev(e.id), from: nv(e.from), to: nv(e.to), label: e.label, width: e.width, title: edgeTitle(e), color: edgeColour(e) };
    if (dashes.length) edge.dashes = dashes;
    return edge;
  }));

  var options = {
    autoResize: true,
    nodes: { borderWidth: 1, borderWidthSelected: 3, opacity: 1 },
    edges: {
      smooth: data.physics ? { type: "dynamic" } : false, selectionWidth: 2, hoverWidth: 1,
      arrows: "to", dashes: false, font: { size: EDGE_FONT, align: "middle" }, color: { opacity: 0.9 },
      scaling: { label: { drawThreshold: EDGE_LABEL_MIN } }
    },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: !data.physics, hideEdgesOnZoom: data.nodes.length > 1000 },
    physics: {
      enabled: data.physics,
      solver: "forceAtlas2Based",
      stabilization: { enabled: true, iterations: 200, updateInterval: 50 }
    },
    layout: { improvedLayout: data.nodes.length <= 150, randomSeed: 7 }
  };
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  var ready = false;
  var firstDraw = null;
  network.once("afterDrawing", function () { firstDraw = performance.now(); });
  function whenReady() {
    if (data.focus) {
      selectNode(data.focus);
      network.focus(nv(data.focus), { scale: Math.max(network.getScale(), 0.75), animation: false });
    }
    readyAt = performance.now();
    ready = true;
  }
  var readyAt = null;
  if (data.physics) {
    network.once("stabilizationIterationsDone", function () {
      // A focus view stays still once laid out, so its focus stays in the middle.
      var moving = document.getElementById("physics").checked && !data.focus;
      document.getElementById("physics").checked = moving;
      physicsOn = moving;
      network.setOptions({ physics: { enabled: moving } });
      whenReady();
    });
  }
  document.getElementById("physics").checked = data.physics;
  document.getElementById("physics").addEventListener("change", function (ev) {
    physicsOn = ev.target.checked;
    network.setOptions({ physics: { enabled: physicsOn } });
  });

  // -- changes, batched: vis-network does work for the whole graph on every update call, so
  // an interaction queues what it changes and applies it in one call per data set.
  var queued = { nodes: table(), edges: table() };
  function queue(which, id, key, value) {
    var patch = queued[which][id] || (queued[which][id] = {});
    patch[key] = patch[key] || {};
    Object.keys(value).forEach(function (k) { patch[key][k] = value[k]; });
  }
  function flush() {
    lastChanges = 0;
    ["nodes", "edges"].forEach(function (which) {
      var ids = Object.keys(queued[which]);
      if (!ids.length) return;
      var make = which === "nodes" ? nv : ev;
      var changes = ids.map(function (id) { var c = queued[which][id]; c.id = make(id); return c; });
      queued[which] = table();
      lastChanges += changes.length;
      (which === "nodes" ? nodes : edges).update(changes);
    });
    network.redraw();
  }

  // -- edge labels: shown when zoomed in, and on the edges of what is selected or hovered ------
  var labelled = table();  // edge id -> the font size given to keep its label legible at this zoom
  function legibleSize() { return Math.max(EDGE_FONT, Math.ceil(EDGE_LABEL_MIN / network.getScale())); }
  function labelEdges(ids) {
    var size = legibleSize();
    var wanted = table();
    ids.forEach(function (id) { wanted[id] = true; });
    Object.keys(labelled).forEach(function (id) {
      if (!wanted[id]) { queue("edges", id, "font", { size: EDGE_FONT }); delete labelled[id]; }
    });
    ids.forEach(function (id) {
      if (labelled[id] !== size) { labelled[id] = size; queue("edges", id, "font", { size: size }); }
    });
  }
  var relabel = null;
  var arrowsHidden = false;
  var view = null;  // [left, top, right, bottom] of what is on screen, when edges are straight lines
  network.on("beforeDrawing", function () {
    var scale = network.getScale();
    arrowsHidden = scale < ARROW_MIN_SCALE;
    if (!data.physics) {
      var a = network.DOMtoCanvas({ x: 0, y: 0 }), b = network.DOMtoCanvas({ x: container.clientWidth, y: container.clientHeight });
      var margin = 20 / scale;  // arrow heads and wide edges reach a little past their ends
      view = [a.x - margin, a.y - margin, b.x + margin, b.y + margin];
    }
    // After a zoom (by wheel, fit or focus) the labels kept legible get a size for the new scale.
    var ids = Object.keys(labelled);
    if (!ids.length || relabel !== null || labelled[ids[0]] === legibleSize()) return;
    relabel = setTimeout(function () { relabel = null; labelEdges(Object.keys(labelled)); flush(); }, 0);
  });
  var hovered = null;
  network.on("hoverEdge", function (p) { hovered = raw(p.edge); labelEdges(selectionEdges().concat([hovered])); flush(); });
  network.on("blurEdge", function () { hovered = null; labelEdges(selectionEdges()); flush(); });
  function selectionEdges() {
    var selected = network.getSelectedNodes();
    if (selected.length) return (edgesOf[raw(selected[0])] || []).map(function (e) { return e.id; });
    return network.getSelectedEdges().map(raw);
  }

  // -- node labels: drawn by the page, only where they do not overlap ----------------------
  // On screen a label is at least LABEL_MIN_PX and at most its own size, so zooming out makes
  // labels relatively larger and zooming in makes room. Labels are placed greedily — the
  // selected node, then what the highlight keeps, then the busiest nodes first — and one whose
  // box meets an already placed box (found through a grid of LABEL_CELL px cells) is left out
  // until zoomed in. The placement is in screen units without the pan, so it is computed again
  // only when the scale, the positions, the highlight or what is shown changes.
  var order = data.nodes.slice().sort(function (a, b) {
    return b.degree - a.degree || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
  }).map(function (n) { return n.id; });
  var widthAt100 = table();  // label width at a 100 px font, measured once
  var placed = [];           // [{id, size (px on screen)}], in the order placed
  var placedScale = null;
  var labelsDirty = true;
  var physicsOn = data.physics;
  var FONT = "px system-ui, sans-serif";
  function labelSize(id, scale) {
    var own = labelFont[id];
    return Math.min(own, Math.max(own * scale, LABEL_MIN_PX));
  }
  function labelWidth(ctx, id, size) {
    var w = widthAt100[id];
    if (w === undefined) {
      ctx.font = "100" + FONT;
      w = widthAt100[id] = ctx.measureText(byNode[id].label).width;
    }
    return w * size / 100;
  }
  // The label's box on screen, less the pan: [left, top, right, bottom].
  function labelBox(ctx, id, node, scale, size) {
    var w = labelWidth(ctx, id, size), x = node.x * scale, top = (node.y + node.options.size) * scale + LABEL_GAP;
    return [x - w / 2 - LABEL_GAP, top - LABEL_GAP, x + w / 2 + LABEL_GAP, top + size * 1.2 + LABEL_GAP];
  }
  function placeLabels(ctx, scale) {
    var grid = new Map(), out = [], seen = table();
    var body = network.body.nodes, selected = network.getSelectedNodes().map(raw);
    function tryPlace(id) {
      if (seen[id]) return;
      seen[id] = true;
      var node = body[nv(id)];
      if (!node || hiddenKinds[kindOf[id]] || !byNode[id].label) return;
      var size = labelSize(id, scale), box = labelBox(ctx, id, node, scale, size);
      var c0 = Math.floor(box[0] / LABEL_CELL), c1 = Math.floor(box[2] / LABEL_CELL);
      var r0 = Math.floor(box[1] / LABEL_CELL), r1 = Math.floor(box[3] / LABEL_CELL), c, r, k, i, cell;
      for (c = c0; c <= c1; c++) {
        for (r = r0; r <= r1; r++) {
          cell = grid.get(c + "," + r);
          if (!cell) continue;
          for (i = 0; i < cell.length; i++) {
            k = cell[i];
            if (k[0] < box[2] && box[0] < k[2] && k[1] < box[3] && box[1] < k[3]) return;
          }
        }
      }
      for (c = c0; c <= c1; c++) {
        for (r = r0; r <= r1; r++) {
          k = c + "," + r;
          cell = grid.get(k);
          if (cell) cell.push(box); else grid.set(k, [box]);
        }
      }
      out.push({ id: id, size: size });
    }
    selected.forEach(tryPlace);
    if (lit !== null) order.forEach(function (id) { if (lit[id]) tryPlace(id); });
    order.forEach(tryPlace);
    return out;
  }
  var drawn = [];  // the labels drawn in the last frame: [{id, box: [left, top, right, bottom] in px of the canvas}]
  network.on("afterDrawing", function (ctx) {
    var scale = network.getScale();
    if (labelsDirty || physicsOn || scale !== placedScale) {
      placed = placeLabels(ctx, scale);
      placedScale = scale;
      labelsDirty = false;
    }
    var corner = network.DOMtoCanvas({ x: 0, y: 0 });
    var far = network.DOMtoCanvas({ x: container.clientWidth, y: container.clientHeight });
    var body = network.body.nodes;
    drawn = [];
    ctx.save();
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    placed.forEach(function (p) {
      var node = body[nv(p.id)];
      if (!node) return;
      var size = p.size / scale, w = labelWidth(ctx, p.id, size), top = node.y + node.options.size + LABEL_GAP / scale;
      if (node.x + w / 2 < corner.x || node.x - w / 2 > far.x || top > far.y || top + size * 1.2 < corner.y) return;
      var dim = isDimmed(p.id), text = byNode[p.id].label;
      ctx.font = size + FONT;
      if (!dim) {  // a halo keeps the label legible over edges; a dimmed label gets none
        ctx.lineWidth = 4 / scale;
        ctx.strokeStyle = "rgba(255,255,255,0.9)";
        ctx.strokeText(text, node.x, top);
      }
      ctx.fillStyle = labelColour(dim ? DIM : 1);
      ctx.fillText(text, node.x, top);
      var a = network.canvasToDOM({ x: node.x - w / 2, y: top }), b = network.canvasToDOM({ x: node.x + w / 2, y: top + size * 1.2 });
      drawn.push({ id: p.id, box: [a.x, a.y, b.x, b.y] });
    });
    ctx.restore();
  });
  network.on("dragEnd", function (p) { if (p.nodes.length) labelsDirty = true; });
  network.on("stabilized", function () { labelsDirty = true; });
  // A click on a label selects its node, as a click on a label vis-network drew did.
  function labelAt(point) {
    for (var i = drawn.length - 1; i >= 0; i--) {
      var b = drawn[i].box;
      if (point.x >= b[0] && point.x <= b[2] && point.y >= b[1] && point.y <= b[3]) return drawn[i].id;
    }
    return null;
  }

  // -- legend and toggles ------------------------------------------------------------
  var SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }
  // A small picture of a kind's shape, drawn as the network draws it.
  function shapeIcon(shape, colour) {
    var s = svg("svg", { width: 18, height: 18, viewBox: "-10 -10 20 20", "class": "shape", "aria-hidden": "true",
                        "data-shape": shape });
    var r = 8, path;
    function poly(points) { return svg("polygon", { points: points.map(function (p) { return p.join(","); }).join(" ") }); }
    function ngon(k, start, rr) {
      var pts = [];
      for (var i = 0; i < k; i++) { var a = start + i * 2 * Math.PI / k; pts.push([(rr * Math.cos(a)).toFixed(2), (rr * Math.sin(a)).toFixed(2)]); }
      return poly(pts);
    }
    switch (shape) {
      case "dot": path = svg("circle", { r: 7 }); break;
      case "square": path = svg("rect", { x: -7, y: -7, width: 14, height: 14 }); break;
      case "diamond": path = ngon(4, -Math.PI / 2, 9); break;
      case "triangle": path = ngon(3, -Math.PI / 2, 9); break;
      case "triangleDown": path = ngon(3, Math.PI / 2, 9); break;
      case "hexagon": path = ngon(6, 0, 8.5); break;
      case "pentagon": path = ngon(5, -Math.PI / 2, 8.5); break;
      case "star":
        var pts = [];
        for (var i = 0; i < 10; i++) { var a = -Math.PI / 2 + i * Math.PI / 5, rr = i % 2 ? 3.8 : 9; pts.push([(rr * Math.cos(a)).toFixed(2), (rr * Math.sin(a)).toFixed(2)]); }
        path = poly(pts); break;
      case "ring": path = svg("path", { d: "M8,0A8,8 0 1,1 -8,0A8,8 0 1,1 8,0ZM3.6,0A3.6,3.6 0 1,0 -3.6,0A3.6,3.6 0 1,0 3.6,0Z", "fill-rule": "evenodd" }); break;
      case "cross": path = poly([[-3, -8], [3, -8], [3, -3], [8, -3], [8, 3], [3, 3], [3, 8], [-3, 8], [-3, 3], [-8, 3], [-8, -3], [-3, -3]]); break;
      case "bowtie": path = svg("path", { d: "M-8,-6.5L0,0L-8,6.5ZM8,-6.5L0,0L8,6.5Z" }); break;
      case "page": path = poly([[-6, -8], [3, -8], [6, -5], [6, 8], [-6, 8]]); break;
      default: path = svg("circle", { r: r });
    }
    path.setAttribute("fill", colour);
    s.appendChild(path);
    return s;
  }
  function lineIcon(colour, dashes, width) {
    var s = svg("svg", { width: 30, height: 12, viewBox: "0 0 30 12", "class": "line", "aria-hidden": "true" });
    var line = svg("line", { x1: 1, y1: 6, x2: 22, y2: 6, stroke: colour, "stroke-width": width || 2 });
    if (dashes && dashes.length) line.setAttribute("stroke-dasharray", dashes.join(" "));
    s.appendChild(line);
    s.appendChild(svg("polygon", { points: "21,2 29,6 21,10", fill: colour }));
    return s;
  }
  function applyVisibility() {
    labelsDirty = true;
    nodes.update(data.nodes.map(function (n) { return { id: nv(n.id), hidden: !!hiddenKinds[n.kind] }; }));
    edges.update(data.edges.map(function (e) {
      return { id: ev(e.id), hidden: !!hiddenTypes[e.type] || !!hiddenKinds[kindOf[e.from]] || !!hiddenKinds[kindOf[e.to]] };
    }));
  }
  function legendItem(listId, name, count, icon, hidden) {
    var li = el("li");
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.dataset.name = name;
    box.setAttribute("aria-label", "show " + name + " (" + count + ")");
    box.addEventListener("change", function () { hidden[name] = !box.checked; applyVisibility(); });
    label.appendChild(box);
    label.appendChild(icon);
    label.appendChild(el("span", name, "name"));
    label.appendChild(el("span", count, "count"));
    li.appendChild(label);
    document.getElementById(listId).appendChild(li);
  }
  var present = table();
  data.nodes.forEach(function (n) { present[n.kind] = (present[n.kind] || 0) + 1; });
  data.kinds.forEach(function (k) {
    if (present[k.kind]) legendItem("legend-kinds", k.kind, present[k.kind], shapeIcon(k.shape, k.color), hiddenKinds);
  });
  var presentTypes = table();
  data.edges.forEach(function (e) { presentTypes[e.type] = (presentTypes[e.type] || 0) + 1; });
  data.types.forEach(function (t) {
    if (presentTypes[t.type]) legendItem("legend-types", t.type, presentTypes[t.type], lineIcon(t.color, t.dashes), hiddenTypes);
  });
  data.widths.forEach(function (w) {
    var li = el("li");
    li.appendChild(lineIcon("#444", [], w.width));
    li.appendChild(el("span", "USD " + amount(w.usd)));
    document.getElementById("legend-widths").appendChild(li);
  });
  var notes = document.getElementById("filter-notes");
  if (data.notes.length) {
    notes.appendChild(el("h2", "Left out by the filter"));
    var ul = el("ul");
    data.notes.forEach(function (line) { ul.appendChild(el("li", line)); });
    notes.appendChild(ul);
  } else {
    notes.hidden = true;
  }

  // -- details -----------------------------------------------------------------------
  var details = document.getElementById("details");
  function clear() { while (details.firstChild) details.removeChild(details.firstChild); }
  function row(dl, key, value) {
    if (value === undefined || value === null || value === "") return;
    dl.appendChild(el("dt", key));
    var dd = el("dd");
    if (value instanceof Node) dd.appendChild(value); else dd.textContent = String(value);
    dl.appendChild(dd);
  }
  function evidenceList(items) {
    var frag = document.createDocumentFragment();
    items.forEach(function (ev) {
      frag.appendChild(el("blockquote", ev.quote, "quote"));
      frag.appendChild(el("div", ev.title === ev.doc ? ev.doc : ev.title + " (" + ev.doc + ")", "doc"));
    });
    return frag;
  }
  function showNode(id) {
    var n = byNode[id];
    clear();
    details.dataset.node = id;
    delete details.dataset.edge;
    details.appendChild(el("h2", n.label));
    if (n.description) details.appendChild(el("p", n.description, "description"));
    var dl = el("dl");
    row(dl, "kind", n.kind);
    row(dl, "id", n.id);
    row(dl, "aliases", n.aliases.join(", "));
    Object.keys(n.attributes || {}).forEach(function (k) { row(dl, k.replace(/_/g, " "), n.attributes[k]); });
    if (n.wikidata) {
      var a = el("a", n.wikidata, "wikidata");
      a.href = "https://www.wikidata.org/wiki/" + encodeURIComponent(n.wikidata);
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      row(dl, "Wikidata", a);
    }
    details.appendChild(dl);
    var mine = edgesOf[id] || [];
    details.appendChild(el("h3", plural(mine.length, "relationship")));
    var list = el("ul", null, "relationships");
    mine.forEach(function (e) {
      var li = el("li");
      var b = el("button", null, "rel");
      b.type = "button";
      b.dataset.edge = e.id;
      var out = e.from === id;
      b.appendChild(el("span", (out ? "\u2192 " : "\u2190 ") + e.type, "type"));
      b.appendChild(el("span", nameOf(out ? e.to : e.from), "other"));
      var extra = [];
      if (e.money) extra.push(moneyText(e.money));
      if (e.status) extra.push(e.status);
      if (extra.length) b.appendChild(el("span", extra.join(" \u00b7 "), "extra"));
      b.addEventListener("click", function () { selectEdge(e.id); });
      li.appendChild(b);
      list.appendChild(li);
    });
    details.appendChild(list);
  }
  function showEdge(id) {
    var e = byEdge[id];
    clear();
    details.dataset.edge = id;
    delete details.dataset.node;
    details.appendChild(el("h2", nameOf(e.from) + " \u2192 " + e.type + " \u2192 " + nameOf(e.to)));
    var dl = el("dl");
    row(dl, "claim", e.id);
    if (e.counterparty) row(dl, "counterparty", nameOf(e.counterparty));
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
        var head = el("p", null, "due");
        head.appendChild(el("strong", h.due_by));
        if (h.note) head.appendChild(el("span", " \u2014 " + h.note));
        li.appendChild(head);
        li.appendChild(evidenceList(h.evidence));
        ol.appendChild(li);
      });
      details.appendChild(ol);
    }
    details.appendChild(el("h3", "Evidence"));
    details.appendChild(evidenceList(e.evidence));
  }

  // -- neighbourhood highlight, drawn from two JS sets ------------------------------------
  // vis-network does work for the whole graph on every data set update or setOptions call
  // (seconds at 20,000 nodes), so dimming changes no data at all: the page's wrapper of
  // vis-network's getFormattingValues (below) draws what is not lit at DIM opacity, and a
  // highlight only fills the sets and redraws. What is updated is the edge labels it shows.
  var lit = null;          // ids of nodes shown at full strength, or null when nothing is dimmed
  var litEdges = table();
  var litV = null, litEdgesV = table();
  var hideDimmedEdges = data.edges.length > DIMMED_EDGES_MAX;  // the same, by the ids vis uses: read for every element drawn
  var EDGE_OPACITY = 0.9;
  function labelColour(opacity) { return opacity === 1 ? "#222222" : "rgba(34,34,34," + opacity + ")"; }
  function isDimmed(id) { return lit !== null && !lit[id]; }
  function isEdgeDimmed(id) { return lit !== null && !litEdges[id]; }
  // Wrapped once, on the classes of the vis-network this page ships (VIS_VERSION in page.py):
  // the values vis draws a node or an edge with, at DIM opacity when the highlight leaves it out;
  // an edge drawn without its arrow head when arrows are too small to see (ARROW_MIN_SCALE),
  // unless it is lit, selected or hovered, or when the head is off screen or inside its node; an
  // edge wholly off screen not drawn at all (vis-network draws every edge, wherever it is); and an
  // edge drawn solid when its dashes are too fine to see (DASH_MIN_PX), with the same exceptions:
  // a dashed line costs the canvas several solid ones (half of a whole frame of 5,000 nodes).
  function wrap(element, values) {
    if (!element) return;
    var proto = Object.getPrototypeOf(element);
    if (proto.getFormattingValues.dealgraph) return;
    proto.getFormattingValues = values(proto.getFormattingValues);
    proto.getFormattingValues.dealgraph = true;
  }
  function dashesTooFine(dashes) {
    var pattern = Array.isArray(dashes) ? dashes : [5, 5];  // vis-network's pattern for `true`
    return Math.min.apply(null, pattern) * network.body.view.scale < DASH_MIN_PX;
  }
  function firstOf(items) { for (var k in items) return items[k]; return null; }
  wrap(firstOf(network.body.nodes), function (own) {
    return function () {
      if (litV === null || litV[this.id]) return own.call(this);
      var o = this.options, keep = o.opacity;
      o.opacity = DIM;
      var values = own.call(this);
      o.opacity = keep;
      return values;
    };
  });
  wrap(firstOf(network.body.edges), function (own) {
    return function () {
      var values, kept = litEdgesV[this.id] === 1;
      if (litV !== null && !kept) {
        var c = this.options.color, keep = c.opacity;
        c.opacity = DIM;
        values = own.call(this);
        c.opacity = keep;
        if (hideDimmedEdges) values.hidden = true;
      } else {
        values = own.call(this);
      }
      var a = this.from, b = this.to;
      if (!a || !b) return values;
      // Straight edges: one wholly off screen is not drawn, nor an arrow head off screen.
      if (view !== null && ((a.x < view[0] && b.x < view[0]) || (a.x > view[2] && b.x > view[2]) ||
                            (a.y < view[1] && b.y < view[1]) || (a.y > view[3] && b.y > view[3]))) {
        values.hidden = true;
      } else if (values.toArrow && ((arrowsHidden && !kept && !this.selected && !this.hover) ||
                 (view !== null && (b.x < view[0] || b.x > view[2] || b.y < view[1] || b.y > view[3])) ||
                 (a !== b && Math.abs(a.x - b.x) + Math.abs(a.y - b.y) < b.options.size))) {  // inside its target
        values.toArrow = false;
      }
      if (values.dashes && !kept && !this.selected && !this.hover && dashesTooFine(values.dashes)) values.dashes = false;
      return values;
    };
  });
  // vis-network sizes every edge's label on the first draw, also those too small to be drawn
  // (a second at 80,000 edges): a label under its draw threshold is skipped before that.
  (function (edge) {
    if (!edge) return;
    var proto = Object.getPrototypeOf(edge), own = proto.drawLabel;
    if (own.dealgraph) return;
    proto.drawLabel = function (ctx) {
      var font = this.labelModule.fontOptions;
      if (font && font.size * this.body.view.scale < EDGE_LABEL_MIN - 1) return;
      return own.apply(this, arguments);
    };
    proto.drawLabel.dealgraph = true;
  })(firstOf(network.body.edges));
  var lastChanges = 0;
  function highlight(id) {
    var keepNodes = table(), keepEdges = table();
    keepNodes[id] = 1;
    (edgesOf[id] || []).forEach(function (e) { keepEdges[e.id] = 1; keepNodes[e.from] = 1; keepNodes[e.to] = 1; });
    Object.keys(keepNodes).forEach(function (n) { if (!byNode[n]) delete keepNodes[n]; });
    lit = keepNodes;
    litEdges = keepEdges;
    litV = table();
    litEdgesV = table();
    Object.keys(keepNodes).forEach(function (n) { litV[nv(n)] = 1; });
    Object.keys(keepEdges).forEach(function (e) { litEdgesV[ev(e)] = 1; });
    labelsDirty = true;
  }
  function unhighlight() {
    if (lit === null) return;
    lit = null;
    litEdges = table();
    litV = null;
    litEdgesV = table();
    labelsDirty = true;
  }
  function selectNode(id) {
    network.selectNodes([nv(id)]);
    highlight(id);
    showNode(id);
    labelEdges((edgesOf[id] || []).map(function (e) { return e.id; }));
    flush();
  }
  function selectEdge(id) {
    unhighlight();
    network.selectEdges([ev(id)]);
    showEdge(id);
    labelEdges([id]);
    flush();
  }
  function deselect() {
    unhighlight();
    network.unselectAll();
    labelEdges([]);
    flush();
  }
  network.on("click", function (params) {
    if (params.nodes.length) {
      selectNode(raw(params.nodes[0]));
    } else if (labelAt(params.pointer.DOM) !== null) {
      selectNode(labelAt(params.pointer.DOM));
    } else if (params.edges.length) {
      selectEdge(raw(params.edges[0]));
    } else {
      deselect();
    }
  });

  // -- search --------------------------------------------------------------------------
  // Ranked as the CLI resolves a name: an exact name, alias or id; a word that stands for a
  // country ("Japanese"); then names that contain the words; actors before documents; and
  // when nothing matches, the names closest in spelling (did you mean).
  function similarity(a, b) {  // difflib's ratio, approximately: 2 * common / total, by edit distance
    if (a === b) return 1;
    var m = a.length, n = b.length;
    if (!m || !n) return 0;
    var prev = [], cur = [], i, j;
    for (j = 0; j <= n; j++) prev[j] = j;
    for (i = 1; i <= m; i++) {
      cur = [i];
      for (j = 1; j <= n; j++) {
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1));
      }
      prev = cur;
    }
    return 1 - prev[n] / Math.max(m, n);
  }
  function candidates(query, limit) {
    var key = fold(query);
    if (!key) return { matches: [], close: false };
    var scored = [];
    data.nodes.forEach(function (n) {
      var rank = null;
      if (n.keys.indexOf(key) >= 0) rank = 0;
      else if (n.stand_ins && n.stand_ins.indexOf(key) >= 0) rank = 1;
      else if (n.keys.some(function (k) { return k.indexOf(key) === 0; })) rank = 2;
      else if (n.keys.some(function (k) { return k.indexOf(key) >= 0; })) rank = 3;
      if (rank !== null) scored.push([rank + (n.kind === "Document" ? 10 : 0), n.label, n.id]);
    });
    var close = false;
    if (!scored.length) {
      close = true;
      data.nodes.forEach(function (n) {
        var best = 0;
        n.keys.forEach(function (k) {
          best = Math.max(best, similarity(key, k), similarity(key, k.slice(0, key.length + 1)) - 0.05);
        });
        if (best >= 0.6) scored.push([(n.kind === "Document" ? 10 : 0) - best, n.label, n.id]);
      });
    }
    scored.sort(function (a, b) { return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0); });
    return { matches: scored.slice(0, limit || 8).map(function (s) { return s[2]; }), close: close };
  }
  function find(query) {
    var c = candidates(query, 1);
    return c.matches.length && !c.close ? c.matches[0] : null;
  }
  var suggestionList = document.getElementById("search-suggestions");
  function suggest(query) {
    while (suggestionList.firstChild) suggestionList.removeChild(suggestionList.firstChild);
    var c = candidates(query, 8);
    c.matches.forEach(function (id) {
      var li = el("li");
      var b = el("button", null, "suggestion");
      b.type = "button";
      b.dataset.id = id;
      b.appendChild(el("span", byNode[id].label, "name"));
      b.appendChild(el("span", byNode[id].kind, "kind"));
      b.addEventListener("click", function () {
        document.getElementById("search-input").value = byNode[id].label;
        search(id, true);
      });
      li.appendChild(b);
      suggestionList.appendChild(li);
    });
    suggestionList.hidden = !c.matches.length;
    return c;
  }
  function search(query, isId) {
    var status = document.getElementById("search-status");
    if (!isId && !fold(query)) {  // an empty search clears the last one
      status.textContent = "";
      suggest("");
      deselect();
      return null;
    }
    var id = isId ? query : find(query);
    if (id === null) {
      var c = suggest(query);
      var names = c.matches.slice(0, 3).map(function (i) { return byNode[i].label; });
      status.textContent = "no actor named \u201c" + query + "\u201d" + (names.length ? "; did you mean " + names.join(", ") + "?" : "");
      return null;
    }
    status.textContent = "";
    suggest("");
    if (hiddenKinds[kindOf[id]]) {
      hiddenKinds[kindOf[id]] = false;
      document.querySelectorAll("#legend-kinds input").forEach(function (b) {
        if (b.dataset.name === kindOf[id]) b.checked = true;
      });
      applyVisibility();
    }
    network.focus(nv(id), { scale: Math.max(1.2, network.getScale()), animation: false });
    selectNode(id);
    return id;
  }
  var input = document.getElementById("search-input");
  input.addEventListener("input", function () { suggest(input.value); });
  input.addEventListener("search", function () { if (!input.value) search(""); });  // the field's clear button
  document.getElementById("search").addEventListener("submit", function (ev) {
    ev.preventDefault();
    search(input.value);
  });

  // -- moving the view: the last whole frame, moved and scaled ---------------------------------
  // A whole frame of a few thousand nodes costs hundreds of ms (every edge, node and label is
  // drawn again), far too slow to follow a pan or a zoom. While the view moves (a frame whose
  // only change is the view, right after another such frame), the page shows the last whole
  // frame moved and scaled to the new view, which costs one image copy; the whole frame is drawn
  // again when the view has been still for SETTLE_MS, or sooner when the copy would leave too much
  // of the screen blank or blurred. A jump (fit, focus, a search) is drawn whole at once, and so
  // is any frame asked for by redraw() or in which anything but the view changed.
  var SETTLE_MS = 150;     // still this long: the view is drawn whole again
  var MOTION_MS = 250;     // a view change this soon after another one is motion
  var MOVED_MAX = 0.3;     // a copy moved by more than this share of the screen is drawn whole
  var SCALED_MAX = 1.5;    // a copy scaled by more than this (or less than its inverse) too
  var whole = document.createElement("canvas");  // the last whole frame, in the canvas's pixels
  var wholeView = null;    // the view of the last whole frame: {scale, x, y, w, h}
  var wholeKept = false;   // whether `whole` holds it yet
  var lastView = null, lastAt = 0, lastMoved = false;  // the last frame drawn (whole or copied)
  var forced = false;      // inside redraw(): drawn whole
  var settle = null;
  function viewNow() {
    var v = network.body.view, c = network.canvas.frame.canvas;
    return { scale: v.scale, x: v.translation.x, y: v.translation.y, w: c.width, h: c.height };
  }
  function sameView(a, b) {
    return a !== null && a.scale === b.scale && a.x === b.x && a.y === b.y && a.w === b.w && a.h === b.h;
  }
  // The copy for view v: scale k from the whole frame, and the shift, in CSS px.
  function copyOf(v) {
    var k = v.scale / wholeView.scale;
    return { k: k, dx: v.x - k * wholeView.x, dy: v.y - k * wholeView.y };
  }
  function copyFits(v) {
    if (wholeView === null || v.w !== wholeView.w || v.h !== wholeView.h || v.w === 0) return false;
    var c = copyOf(v), ratio = network.canvas.pixelRatio || 1;
    var cw = v.w / ratio, ch = v.h / ratio;
    // How far the copy's corners move from the screen's: a measure of the blank it leaves.
    var moved = Math.max(Math.abs(c.dx), Math.abs(c.dx + (c.k - 1) * cw)) / cw +
                Math.max(Math.abs(c.dy), Math.abs(c.dy + (c.k - 1) * ch)) / ch;
    return c.k <= SCALED_MAX && c.k >= 1 / SCALED_MAX && moved <= MOVED_MAX;
  }
  function drawCopy(v) {
    if (!wholeKept) keepWhole();
    var ctx = network.canvas.getContext(), c = copyOf(v), ratio = network.canvas.pixelRatio || 1;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, v.w, v.h);
    ctx.setTransform(c.k, 0, 0, c.k, c.dx * ratio, c.dy * ratio);
    ctx.drawImage(whole, 0, 0);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  }
  // The canvas still shows the last whole frame when the first copy is asked for: it is kept then,
  // not after every whole frame (copying a canvas makes it draw at once, a cost for every frame).
  function keepWhole() {
    var canvas = network.canvas.frame.canvas;
    if (whole.width !== canvas.width || whole.height !== canvas.height) {
      whole.width = canvas.width;
      whole.height = canvas.height;
    }
    var ctx = whole.getContext("2d");
    ctx.clearRect(0, 0, whole.width, whole.height);
    ctx.drawImage(canvas, 0, 0);
    wholeKept = true;
  }
  function settleLater() {
    clearTimeout(settle);
    settle = setTimeout(function () { settle = null; network.redraw(); }, SETTLE_MS);
  }
  (function (renderer) {
    var draw = renderer._redraw, redraw = renderer.redraw;
    renderer.redraw = function () {
      forced = true;
      try { return redraw.apply(this, arguments); } finally { forced = false; }
    };
    renderer._redraw = function (hidden) {
      if (hidden) wholeView = null;  // a hidden draw clears the canvas: no whole frame to copy
      if (hidden || !this.allowRedraw) return draw.apply(this, arguments);
      var v = viewNow(), moved = !sameView(lastView, v);
      // since the end of the last frame: a slow frame does not end the motion
      var motion = moved && lastMoved && performance.now() - lastAt < MOTION_MS;
      lastView = v;
      lastMoved = moved;
      if (motion && !forced && !physicsOn && copyFits(v)) {
        this.redrawRequested = false;
        drawCopy(v);
        settleLater();
        lastAt = performance.now();
        return;
      }
      var out = draw.apply(this, arguments);
      wholeView = v;
      wholeKept = false;
      if (motion) settleLater();
      else clearTimeout(settle);  // drawn whole where the view rests: nothing left to settle
      lastAt = performance.now();
      return out;
    };
  })(network.renderer);

  // Laid out already: ready once drawn.
  if (!data.physics) network.once("afterDrawing", function () { setTimeout(whenReady, 0); });

  // For tests and for users' own scripts in the console.
  window.dealgraph = {
    network: network, nodes: nodes, edges: edges, data: data, search: search, suggest: suggest,
    nodeId: nv, edgeId: ev, id: raw,  // the ids vis uses, and back to dealgraph's
    showEdge: showEdge, showNode: showNode, selectNode: selectNode, selectEdge: selectEdge,
    labels: function () { return drawn; },  // the node labels drawn in the last frame, with their boxes
    isDimmed: isDimmed, isEdgeDimmed: isEdgeDimmed, lastChanges: function () { return lastChanges; },
    isReady: function () { return ready; },
    timings: function () { return { firstDraw: firstDraw, ready: readyAt }; },  // ms from navigation
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
