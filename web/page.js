// page.js: the published web map, on Leaflet and its marker-cluster
// plugin.  Reads the data coopmap wrote (window.COOPMAP_DATA in the hosted
// folder, the JSON block in the one-file page) and draws the countries in
// classes, the policy layers, the French establishments and partner
// hospitals as marks that cluster, and the great-circle links; a search,
// filters and the selection are kept in the URL's hash.
//
// Text from the list only ever enters the page as text: elements are
// built with textContent, and the one Leaflet call that takes HTML (the
// layer control's names) gets escaped text.  Only http(s) sources become
// links.
(function () {
  'use strict';

  var data = window.COOPMAP_DATA ||
    JSON.parse(document.getElementById('coopmap-data').textContent);
  var S = data.strings;
  var C = data.colours;
  var GROUPS = ['apchi', 'prph', 'other', 'none'];
  var phone = window.matchMedia('(max-width: 700px)');

  // ---- small helpers ------------------------------------------------
  // The words come from coopmap's catalogue in the page's language; a word
  // with plural forms is [form for 0, for 1, for more] (the catalogue's
  // own rule: French "0 projet", English "0 projects"), picked by values.n.
  function t(key, values) {
    var s = S[key] || key;
    if (Array.isArray(s)) {
      var n = (values || {}).n;
      s = s[n === 0 ? 0 : n === 1 ? 1 : 2];
    }
    Object.keys(values || {}).forEach(function (k) {
      s = s.split('{' + k + '}').join(String(values[k]));
    });
    return s;
  }
  function fold(s) {
    return (s || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '')
      .toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  }
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }
  // An http(s) URL as a link, anything else (javascript:, data:, text) as text.
  function sourceNode(text) {
    var url = null;
    if (/^\s*https?:\/\//i.test(text)) {
      try { url = new URL(text.trim()); } catch (e) { url = null; }
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
      return el('span', text);
    var a = el('a', t('source'));
    a.href = url.href;
    a.rel = 'noopener noreferrer';
    a.target = '_blank';
    a.title = url.href;
    return a;
  }

  // ---- what the filters keep ---------------------------------------
  var state = { q: '', sel: '', prog: '', y0: null, y1: null, noyear: true,
    theme: '', layer: '', region: '', view: '' };
  var layerCountries = {};
  data.layers.forEach(function (l) {
    var set = {};
    l.countries.forEach(function (c) { set[c] = true; });
    layerCountries[l.id] = set;
  });
  var shown = new Array(data.projects.length);

  function projectKept(p) {
    if (state.prog && p.g !== state.prog) return false;
    if (p.year === null) {
      if (!state.noyear) return false;
    } else {
      if (state.y0 !== null && p.year < state.y0) return false;
      if (state.y1 !== null && p.year > state.y1) return false;
    }
    if (state.theme && p.theme !== state.theme) return false;
    if (state.region && p.region !== state.region) return false;
    if (state.layer && !(layerCountries[state.layer] || {})[p.c]) return false;
    return true;
  }
  function anyShown(ids) {
    for (var i = 0; i < ids.length; i++) if (shown[ids[i]]) return true;
    return false;
  }

  // ---- the map --------------------------------------------------------
  document.documentElement.style.setProperty('--ocean', C.ocean);
  document.documentElement.style.setProperty('--establishment', C.establishment);
  document.documentElement.style.setProperty('--partner', C.partner);
  // Zoom 9 at most: the outlines hold no more detail, and places of one
  // city (the gazetteer's point) spread out there (spiderfied).
  var map = L.map('map', { minZoom: 1, maxZoom: 9, zoomSnap: 0.5, worldCopyJump: false,
    attributionControl: false, keyboard: true, tap: true });
  var WORLD = L.latLngBounds([[-56, -170], [75, 180]]);
  map.fitBounds(WORLD);
  L.control.scale({ imperial: false, position: 'bottomleft' }).addTo(map);

  var WorldButton = L.Control.extend({
    options: { position: 'topleft' },
    onAdd: function () {
      var bar = L.DomUtil.create('div', 'leaflet-bar');
      var b = L.DomUtil.create('button', 'world-button', bar);
      b.type = 'button';
      b.textContent = '\u2302';
      b.title = t('world');
      b.setAttribute('aria-label', t('world'));
      L.DomEvent.disableClickPropagation(bar);
      L.DomEvent.on(b, 'click', function () { map.fitBounds(WORLD); });
      return bar;
    }
  });
  map.addControl(new WorldButton());

  var SourceLine = L.Control.extend({
    options: { position: 'bottomleft' },
    onAdd: function () {
      var div = L.DomUtil.create('div', 'sourceline');
      // As on the printed map: the credit as given, the date written out.
      var date = data.date;
      var ymd = /^(\d{4})-(\d{2})-(\d{2})$/.exec(data.date);
      if (ymd) {
        date = new Date(Date.UTC(+ymd[1], +ymd[2] - 1, +ymd[3])).toLocaleDateString(data.lang,
          { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
      }
      div.textContent = t('sourceLine', { source: data.source || t('defaultSource'), date: date });
      return div;
    }
  });
  map.addControl(new SourceLine());

  // Countries: one polygon each, all rings in one path filled even-odd
  // (holes are rings too).
  var countryByIndex = {};
  var countryLayer = L.featureGroup();
  function ringsOf(flatRings) {
    return flatRings.map(function (flat) {
      var ring = [];
      for (var k = 0; k < flat.length; k += 2) ring.push([flat[k], flat[k + 1]]);
      return ring;
    });
  }
  data.countries.forEach(function (c) {
    // A small state with no outline at the map's scale is a disc.
    c.latlngs = c.g ? ringsOf(c.g) : null;
    c.polygon = c.g ? L.polygon(c.latlngs, { color: C.border, weight: 0.6, fillOpacity: 1,
      fillColor: C.land, smoothFactor: 1 })
      : L.circleMarker(c.pt, { radius: 7, color: C.border, weight: 1, fillOpacity: 1,
        fillColor: C.land });
    c.polygon.on('click', function (e) { select('c', c.i, { from: 'map', at: e.latlng }); });
    c.polygon.addTo(countryLayer);
    countryByIndex[c.i] = c;
  });
  countryLayer.addTo(map);

  // Policy layers: hatching (an SVG pattern), one toggle each.
  var patterns = document.getElementById('patterns');
  var svgNS = 'http://www.w3.org/2000/svg';
  var policyLayers = {};
  data.layers.forEach(function (l, k) {
    var colour = C.layers[k % C.layers.length];
    var pattern = document.createElementNS(svgNS, 'pattern');
    pattern.setAttribute('id', 'hatch-' + k);
    pattern.setAttribute('patternUnits', 'userSpaceOnUse');
    pattern.setAttribute('width', '7');
    pattern.setAttribute('height', '7');
    pattern.setAttribute('patternTransform', 'rotate(' + (45 + 40 * k) + ')');
    var line = document.createElementNS(svgNS, 'line');
    line.setAttribute('x1', '0'); line.setAttribute('y1', '0');
    line.setAttribute('x2', '0'); line.setAttribute('y2', '7');
    line.setAttribute('stroke', colour);
    line.setAttribute('stroke-width', '1.6');
    line.setAttribute('stroke-opacity', '0.6');
    pattern.appendChild(line);
    patterns.appendChild(pattern);
    var group = L.featureGroup();
    l.countries.forEach(function (i) {
      var c = countryByIndex[i];
      if (!c || !c.latlngs) return;
      L.polygon(c.latlngs, { color: colour, weight: 1.2, fill: true,
        fillColor: 'url(#hatch-' + k + ')', fillOpacity: 1, interactive: false }).addTo(group);
    });
    l.colour = colour;
    l.pattern = 'hatch-' + k;
    policyLayers[l.id] = group;
    if (l.id === 'cicd-2018') group.addTo(map);
  });

  // Links, on a canvas (thousands stay fast) in a pane of their own above
  // the countries' and layers' SVG, below the marks.
  map.createPane('links').style.zIndex = 450;
  var linkRenderer = L.canvas({ padding: 0.3, pane: 'links' });
  var linkLayer = L.featureGroup();
  function linkWidth(n) { return n >= 4 ? 4 : n >= 2 ? 2.6 : 1.5; }
  data.links.forEach(function (link, i) {
    if (!link.path.length) return;
    var counts = {};
    link.projects.forEach(function (k) {
      var g = data.projects[k].g === 'none' ? 'other' : data.projects[k].g;
      counts[g] = (counts[g] || 0) + 1;
    });
    var group = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a]; })[0];
    link.colour = C.links[group === 'apchi' ? 0 : group === 'prph' ? 1 : 2];
    link.line = L.polyline(ringsOf(link.path), { renderer: linkRenderer, pane: 'links', color: link.colour,
      weight: linkWidth(link.projects.length), opacity: 0.75, smoothFactor: 1 });
    link.line.on('click', function (e) { showLink(i, e.latlng); });
    link.line.addTo(linkLayer);
  });
  linkLayer.addTo(map);

  // Marks: a 24 px target; the symbol grows with the projects.
  function markIcon(kind, item) {
    var n = item.projects.length;
    var size = Math.round(Math.min(22, 10 + 3 * Math.sqrt(n - 1)));
    // Numbers only: no text of the list goes into this HTML.
    return L.divIcon({ className: 'mark ' + kind + (item.approx ? ' approx' : ''),
      html: '<span style="width:' + size + 'px;height:' + size + 'px"></span>',
      iconSize: [24, 24] });
  }
  function clusterIcon(kind) {
    return function (cluster) {
      var n = cluster.getChildCount();
      var size = n < 10 ? 28 : n < 100 ? 34 : 40;
      return L.divIcon({ className: 'cluster ' + kind, html: String(n),
        iconSize: [size, size] });
    };
  }
  // French establishments in a pane above the partners': the French side
  // (Paris, Lyon) stays on top where it meets European partners.
  map.createPane('establishments').style.zIndex = 640;
  function clusterGroup(kind) {
    return L.markerClusterGroup({ maxClusterRadius: 36, showCoverageOnHover: false,
      clusterPane: kind === 'est' ? 'establishments' : 'markerPane',
      spiderfyOnMaxZoom: true, iconCreateFunction: clusterIcon(kind),
      spiderLegPolylineOptions: { weight: 1.2, color: '#333', opacity: 0.6 } });
  }
  var clusters = { e: clusterGroup('est'), p: clusterGroup('par') };
  var marks = [];
  function addMarks(kind, list) {
    list.forEach(function (item, i) {
      if (item.lat === null || item.lon === null) return;
      var m = L.marker([item.lat, item.lon], { icon: markIcon(kind === 'e' ? 'est' : 'par', item),
        pane: kind === 'e' ? 'establishments' : 'markerPane',
        title: item.name, alt: item.name, keyboard: true, riseOnHover: true });
      m.on('click', function () { select(kind, i, { from: 'map' }); });
      m.on('add', function () {
        var node = m.getElement();
        if (node && !node.coopmapKeys) {
          node.coopmapKeys = true;
          node.setAttribute('role', 'button');
          node.addEventListener('keydown', function (e) {
            if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select(kind, i, { from: 'map' }); }
          });
        }
      });
      item.marker = m;
      marks.push({ kind: kind, index: i, name: item.name, marker: m });
    });
  }
  addMarks('e', data.establishments);
  addMarks('p', data.partners);
  clusters.e.addTo(map);
  clusters.p.addTo(map);

  var overlays = {};
  overlays[escapeHtml(t('layerLinks'))] = linkLayer;
  overlays[escapeHtml(t('layerEstablishments'))] = clusters.e;
  overlays[escapeHtml(t('layerPartners'))] = clusters.p;
  data.layers.forEach(function (l) { overlays[escapeHtml(l.title)] = policyLayers[l.id]; });
  L.control.layers(null, overlays, { collapsed: true, position: 'topright' }).addTo(map);

  // ---- legend ---------------------------------------------------------
  function swatch(fill, extraClass) {
    var s = el('span', null, 'swatch' + (extraClass ? ' ' + extraClass : ''));
    if (fill) s.style.background = fill;
    return s;
  }
  var Legend = L.Control.extend({
    options: { position: 'bottomright' },
    onAdd: function () {
      var box = L.DomUtil.create('div', 'legend');
      var details = el('details');
      details.open = !phone.matches;
      details.appendChild(el('summary', t('legend')));
      details.appendChild(el('h4', t('legendClasses')));
      var ul = el('ul');
      data.classes.forEach(function (k) {
        var li = el('li');
        li.appendChild(swatch(k.colour));
        li.appendChild(el('span', k.lo === k.hi ? String(k.lo) : k.lo + '\u2013' + k.hi));
        ul.appendChild(li);
      });
      var none = el('li');
      none.appendChild(swatch(C.land));
      none.appendChild(el('span', t('legendNone')));
      ul.appendChild(none);
      details.appendChild(ul);
      ul = el('ul');
      [['est', 'legendEstablishment'], ['par', 'legendPartner']].forEach(function (pair) {
        var li = el('li'), icon = el('span', null, 'mark ' + pair[0]), dot = el('span');
        dot.style.width = '12px'; dot.style.height = '12px';
        icon.appendChild(dot);
        li.appendChild(icon);
        li.appendChild(el('span', t(pair[1])));
        ul.appendChild(li);
      });
      var cl = el('li'), ci = el('span', '3', 'cluster est');
      ci.style.width = '20px'; ci.style.height = '20px'; ci.style.fontSize = '0.7rem';
      cl.appendChild(ci);
      cl.appendChild(el('span', t('legendCluster')));
      ul.appendChild(cl);
      var ap = el('li'), ai = el('span', null, 'mark par approx'), ad = el('span');
      ad.style.width = '12px'; ad.style.height = '12px';
      ai.appendChild(ad);
      ap.appendChild(ai);
      ap.appendChild(el('span', t('legendApprox')));
      ul.appendChild(ap);
      details.appendChild(ul);
      details.appendChild(el('h4', t('legendLinks')));
      ul = el('ul');
      ['group_apchi', 'group_prph', 'group_other'].forEach(function (key, k) {
        var li = el('li'), s = swatch(null, 'line');
        s.style.borderTopColor = C.links[k];
        li.appendChild(s);
        li.appendChild(el('span', t(key)));
        ul.appendChild(li);
      });
      details.appendChild(ul);
      // The layers part lists the layers shown, as they are toggled.
      var layersPart = el('div');
      details.appendChild(layersPart);
      function drawLayers() {
        clear(layersPart);
        var on = data.layers.filter(function (l) { return map.hasLayer(policyLayers[l.id]); });
        if (!on.length) return;
        layersPart.appendChild(el('h4', t('legendLayers')));
        var list = el('ul');
        on.forEach(function (l) {
          var li = el('li'), s = swatch(null);
          var svg = document.createElementNS(svgNS, 'svg');
          svg.setAttribute('width', '16'); svg.setAttribute('height', '12');
          var r = document.createElementNS(svgNS, 'rect');
          r.setAttribute('width', '16'); r.setAttribute('height', '12');
          r.setAttribute('fill', 'url(#' + l.pattern + ')');
          svg.appendChild(r);
          s.style.borderColor = l.colour;
          s.appendChild(svg);
          li.appendChild(s);
          li.appendChild(el('span', l.title));
          list.appendChild(li);
        });
        layersPart.appendChild(list);
      }
      drawLayers();
      map.on('overlayadd overlayremove', drawLayers);
      box.appendChild(details);
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    }
  });
  map.addControl(new Legend());

  // ---- what a place shows -------------------------------------------
  function projectLine(p) {
    var li = el('li');
    var e = p.e !== null ? data.establishments[p.e].name : '';
    var partner = p.p !== null ? data.partners[p.p].name : (p.partner || '');
    li.appendChild(el('span', [e, partner].filter(Boolean).join(' \u2192 ')));
    var bits = [t('group_' + p.g)];
    if (p.funding && fold(p.funding) !== fold(t('group_' + p.g))) bits[0] += ' (' + p.funding + ')';
    if (p.year !== null) bits.push(String(p.year));
    if (p.theme) bits.push(p.theme);
    li.appendChild(el('span', ' \u2014 ' + bits.join(' \u00b7 ') + ' \u2014 ' +
      t('line', { n: p.line })));
    if (p.source) {
      li.appendChild(document.createTextNode(' \u2014 '));
      li.appendChild(sourceNode(p.source));
    }
    return li;
  }
  function projectList(parent, ids) {
    var kept = ids.filter(function (k) { return shown[k]; });
    parent.appendChild(el('h4', t('projects') + ' (' + kept.length + ')'));
    if (!kept.length) { parent.appendChild(el('p', t('noProject'), 'muted')); return; }
    var ul = el('ul');
    kept.forEach(function (k) { ul.appendChild(projectLine(data.projects[k])); });
    parent.appendChild(ul);
  }
  function peerList(parent, title, kind, ids) {
    parent.appendChild(el('h4', title));
    if (!ids.length) { parent.appendChild(el('p', t('none'), 'muted')); return; }
    var ul = el('ul', null, 'peers');
    ids.forEach(function (i) {
      var item = kind === 'e' ? data.establishments[i] : data.partners[i];
      var li = el('li');
      var b = el('button', item.name + (item.city ? ' (' + item.city + ')' : ''), 'link');
      b.type = 'button';
      b.addEventListener('click', function () { select(kind, i, { from: 'list' }); });
      li.appendChild(b);
      ul.appendChild(li);
    });
    parent.appendChild(ul);
  }
  function placeView(kind, i) {
    var box = el('div', null, 'place');
    if (kind === 'e' || kind === 'p') {
      var item = kind === 'e' ? data.establishments[i] : data.partners[i];
      box.appendChild(el('span', t(kind === 'e' ? 'kind_establishment' : 'kind_partner'), 'kind'));
      box.appendChild(el('h3', item.name));
      var where = [item.city, kind === 'p' ? item.country : item.region].filter(Boolean);
      if (where.length) box.appendChild(el('p', where.join(', ')));
      if (item.approx) box.appendChild(el('p', t('approximate'), 'muted'));
      if (item.variants) box.appendChild(el('p', t('spellings') + ' : ' + item.variants.join(' ; '), 'muted'));
      if (kind === 'e') {
        peerList(box, t('partnersOf'), 'p', item.peers);
        peerList(box, t('peersSamePartner'), 'e', item.samePartner);
        peerList(box, t('peersSameCountry'), 'e', item.sameCountry);
      } else {
        peerList(box, t('peersOfPartner'), 'e', item.peers);
      }
      projectList(box, item.projects);
    } else if (kind === 'c') {
      var c = countryByIndex[i];
      var ids = [], est = {}, par = {};
      data.projects.forEach(function (p, k) {
        if (p.c !== i) return;
        ids.push(k);
        if (p.e !== null) est[p.e] = true;
        if (p.p !== null) par[p.p] = true;
      });
      box.appendChild(el('span', t('kind_country'), 'kind'));
      box.appendChild(el('h3', c ? c.n : ''));
      box.appendChild(el('p', t('projectsOfCountry', { n: ids.filter(function (k) { return shown[k]; }).length })));
      peerList(box, t('establishmentsIn'), 'e', Object.keys(est).map(Number));
      peerList(box, t('partnersIn'), 'p', Object.keys(par).map(Number));
      projectList(box, ids);
    } else if (kind === 'city') {
      var city = cities[i];
      box.appendChild(el('span', t('kind_city'), 'kind'));
      box.appendChild(el('h3', city.name));
      peerList(box, t('layerEstablishments'), 'e', city.e);
      peerList(box, t('partnersIn'), 'p', city.p);
    }
    return box;
  }

  // ---- selection ------------------------------------------------------
  var details = document.getElementById('details');
  var selectedMark = null;
  function highlightLinks(test) {
    data.links.forEach(function (link) {
      if (!link.line) return;
      var on = test ? test(link) : null;
      link.line.setStyle({ opacity: on === null ? 0.75 : on ? 0.95 : 0.15,
        weight: linkWidth(link.projects.length) + (on ? 1.5 : 0) });
      if (on) link.line.bringToFront();
    });
  }
  function markSelected(marker) {
    if (selectedMark && selectedMark.getElement()) L.DomUtil.removeClass(selectedMark.getElement(), 'selected');
    selectedMark = marker;
    if (marker && marker.getElement()) L.DomUtil.addClass(marker.getElement(), 'selected');
  }
  function showDetails(kind, i) {
    clear(details);
    details.appendChild(placeView(kind, i));
  }
  function select(kind, i, how) {
    how = how || {};
    var item = kind === 'e' ? data.establishments[i] : kind === 'p' ? data.partners[i] : null;
    state.sel = kind === 'c' ? 'c:' + (countryByIndex[i] ? countryByIndex[i].a3 : '') :
      kind === 'city' ? 'city:' + cities[i].name : kind + ':' + item.name;
    showDetails(kind, i);
    if (kind === 'e') highlightLinks(function (l) { return l.e === i; });
    else if (kind === 'p') highlightLinks(function (l) { return l.p === i; });
    else if (kind === 'c') highlightLinks(function (l) { return data.partners[l.p].a3 === (countryByIndex[i] || {}).a3; });
    else highlightLinks(null);
    if (item && item.marker) {
      var m = item.marker, group = clusters[kind];
      var open = function () {
        markSelected(m);
        m.unbindPopup();
        m.bindPopup(placeView(kind, i), { maxWidth: 340, autoPanPadding: [16, 16] }).openPopup();
      };
      if (how.from === 'map') open();
      else if (group.hasLayer(m)) group.zoomToShowLayer(m, open);
      else { map.setView(m.getLatLng(), Math.max(map.getZoom(), 5)); open(); }
    } else if (kind === 'c' && countryByIndex[i]) {
      var poly = countryByIndex[i].polygon;
      var centre = poly.getBounds ? poly.getBounds().getCenter() : poly.getLatLng();
      if (how.from !== 'map') {
        if (poly.getBounds) map.fitBounds(poly.getBounds(), { maxZoom: 6, padding: [20, 20] });
        else map.setView(centre, 6);
      }
      L.popup({ maxWidth: 340 }).setLatLng(how.at || centre)
        .setContent(placeView('c', i)).openOn(map);
    } else if (kind === 'city') {
      var city = cities[i];
      map.fitBounds(L.latLngBounds(city.latlngs).pad(0.5), { maxZoom: 9 });
    }
    if (phone.matches && how.from === 'list') setPanel(false);
    writeHash();
  }
  function showLink(i, at) {
    var link = data.links[i], box = el('div', null, 'place');
    box.appendChild(el('h3', t('link', { a: data.establishments[link.e].name, b: data.partners[link.p].name })));
    projectList(box, link.projects);
    L.popup({ maxWidth: 340 }).setLatLng(at).setContent(box).openOn(map);
  }
  map.on('popupclose', function () { markSelected(null); });

  // ---- search ---------------------------------------------------------
  var cities = [];
  (function () {
    var byKey = {};
    function add(kind, list) {
      list.forEach(function (item, i) {
        if (!item.city || item.lat === null) return;
        var key = fold(item.city);
        var c = byKey[key];
        if (!c) { c = byKey[key] = { name: item.city, e: [], p: [], latlngs: [] }; cities.push(c); }
        c[kind].push(i);
        c.latlngs.push([item.lat, item.lon]);
      });
    }
    add('e', data.establishments);
    add('p', data.partners);
  }());
  var index = [];
  data.establishments.forEach(function (e, i) {
    index.push({ kind: 'e', i: i, label: e.name, sub: [e.city, e.region].filter(Boolean).join(', '),
      hay: fold([e.name, e.city, e.region, e.finess].concat(e.variants || []).join(' ')) });
  });
  data.partners.forEach(function (p, i) {
    index.push({ kind: 'p', i: i, label: p.name, sub: [p.city, p.country].filter(Boolean).join(', '),
      hay: fold([p.name, p.city, p.country].concat(p.variants || []).join(' ')) });
  });
  data.countries.forEach(function (c) {
    var has = data.projects.some(function (p) { return p.c === c.i; });
    if (has) index.push({ kind: 'c', i: c.i, label: c.n, sub: c.a3, hay: fold(c.n + ' ' + c.a3) });
  });
  cities.forEach(function (c, i) {
    index.push({ kind: 'city', i: i, label: c.name, sub: t('kind_city'), hay: fold(c.name) });
  });
  // Words as typed, and run together ("vietnam" finds "Viet Nam").
  index.forEach(function (entry) {
    entry.words = entry.hay.split(' ');
    entry.compact = entry.words.join('');
  });
  var KIND_ORDER = { e: 0, p: 1, c: 2, city: 3 };
  // Every word of the query starts a word of the entry, in any order.
  function search(text) {
    var words = fold(text).split(' ').filter(Boolean);
    if (!words.length) return [];
    var found = index.filter(function (entry) {
      return words.every(function (w) {
        return entry.words.some(function (h) { return h.lastIndexOf(w, 0) === 0; }) ||
          (w.length >= 4 && entry.compact.indexOf(w) >= 0);
      });
    });
    var key = fold(text);
    found.sort(function (a, b) {
      var ea = fold(a.label) === key ? 0 : 1, eb = fold(b.label) === key ? 0 : 1;
      return ea - eb || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
        a.label.localeCompare(b.label, data.lang);
    });
    return found;
  }
  var searchBox = document.getElementById('search');
  var results = document.getElementById('results');
  var resultCount = document.getElementById('resultCount');
  var lastFound = [];
  function showResults(text) {
    clear(results);
    state.q = text;
    lastFound = search(text);
    if (!text.trim()) {
      resultCount.textContent = '';
    } else if (!lastFound.length) {
      resultCount.textContent = t('noResult', { q: text });
      clear(details);
      highlightLinks(null);
      state.sel = '';
    } else {
      resultCount.textContent = t('results', { n: lastFound.length });
    }
    lastFound.slice(0, 30).forEach(function (entry) {
      var li = el('li');
      var b = el('button', null, 'link');
      b.type = 'button';
      b.appendChild(el('span', t('kind_' + { e: 'establishment', p: 'partner', c: 'country', city: 'city' }[entry.kind]), 'kind'));
      b.appendChild(document.createTextNode(entry.label + (entry.sub ? ' \u2014 ' + entry.sub : '')));
      b.addEventListener('click', function () { select(entry.kind, entry.i, { from: 'list' }); });
      li.appendChild(b);
      results.appendChild(li);
    });
    writeHash();
    return lastFound;
  }
  searchBox.addEventListener('input', function () { showResults(searchBox.value); });
  searchBox.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && lastFound.length) {
      e.preventDefault();
      select(lastFound[0].kind, lastFound[0].i, { from: 'list' });
    }
  });

  // ---- filters --------------------------------------------------------
  function fillSelect(id, values) {
    var select_ = document.getElementById(id);
    values.forEach(function (v) {
      var o = el('option', v[1]);
      o.value = v[0];
      select_.appendChild(o);
    });
  }
  var groupsPresent = GROUPS.filter(function (g) {
    return data.projects.some(function (p) { return p.g === g; });
  });
  fillSelect('programme', groupsPresent.map(function (g) { return [g, t('group_' + g)]; }));
  fillSelect('theme', data.themes.map(function (v) { return [v, v]; }));
  fillSelect('layer', data.layers.map(function (l) { return [l.id, l.title]; }));
  fillSelect('region', data.regions.map(function (v) { return [v, v]; }));
  var inputs = {
    prog: document.getElementById('programme'), theme: document.getElementById('theme'),
    layer: document.getElementById('layer'), region: document.getElementById('region'),
    y0: document.getElementById('yearFrom'), y1: document.getElementById('yearTo'),
    noyear: document.getElementById('noYear')
  };
  function readInputs() {
    state.prog = inputs.prog.value;
    state.theme = inputs.theme.value;
    state.layer = inputs.layer.value;
    state.region = inputs.region.value;
    state.y0 = /^\d{4}$/.test(inputs.y0.value) ? parseInt(inputs.y0.value, 10) : null;
    state.y1 = /^\d{4}$/.test(inputs.y1.value) ? parseInt(inputs.y1.value, 10) : null;
    state.noyear = inputs.noyear.checked;
  }
  function writeInputs() {
    function pick(select_, value) {
      var ok = Array.prototype.some.call(select_.options, function (o) { return o.value === value; });
      select_.value = ok ? value : '';
    }
    pick(inputs.prog, state.prog);
    pick(inputs.theme, state.theme);
    pick(inputs.layer, state.layer);
    pick(inputs.region, state.region);
    inputs.y0.value = state.y0 === null ? '' : state.y0;
    inputs.y1.value = state.y1 === null ? '' : state.y1;
    inputs.noyear.checked = state.noyear;
    searchBox.value = state.q;
  }
  Object.keys(inputs).forEach(function (k) {
    inputs[k].addEventListener(inputs[k].tagName === 'SELECT' || k === 'noyear' ? 'change' : 'input',
      function () { readInputs(); refresh(); writeHash(); });
  });
  document.getElementById('reset').addEventListener('click', function () {
    state.prog = state.theme = state.layer = state.region = '';
    state.y0 = state.y1 = null;
    state.noyear = true;
    writeInputs();
    refresh();
    writeHash();
  });

  function classColour(n) {
    for (var k = data.classes.length - 1; k >= 0; k--)
      if (n >= data.classes[k].lo) return data.classes[k].colour;
    return C.land;
  }
  var countEl = document.getElementById('count');
  function refresh() {
    var perCountry = {}, est = {}, par = {}, total = 0;
    data.projects.forEach(function (p, k) {
      shown[k] = projectKept(p);
      if (!shown[k]) return;
      total++;
      perCountry[p.c] = (perCountry[p.c] || 0) + 1;
      if (p.e !== null) est[p.e] = true;
      if (p.p !== null) par[p.p] = true;
    });
    data.countries.forEach(function (c) {
      c.polygon.setStyle({ fillColor: perCountry[c.i] ? classColour(perCountry[c.i]) : C.land });
    });
    ['e', 'p'].forEach(function (kind) {
      var list = kind === 'e' ? data.establishments : data.partners, keep = [];
      clusters[kind].clearLayers();
      list.forEach(function (item) { if (item.marker && anyShown(item.projects)) keep.push(item.marker); });
      clusters[kind].addLayers(keep);
    });
    data.links.forEach(function (link) {
      if (!link.line) return;
      var on = anyShown(link.projects);
      if (on && !linkLayer.hasLayer(link.line)) linkLayer.addLayer(link.line);
      if (!on && linkLayer.hasLayer(link.line)) linkLayer.removeLayer(link.line);
    });
    countEl.textContent = t('countShown', {
      projects: t('countProjects', { n: total }),
      establishments: t('countEstablishments', { n: Object.keys(est).length }),
      partners: t('countPartners', { n: Object.keys(par).length }),
      countries: t('countCountries', { n: Object.keys(perCountry).length }) }) +
      (total !== data.projects.length ? t('countOf', { n: data.projects.length }) : '');
    if (state.sel) reselect(false);
  }

  // ---- the state in the URL -----------------------------------------
  // #q=TEXT&sel=e:NAME&prog=apchi&y0=2015&y1=2020&noyear=0&theme=T&layer=ID&region=R&view=Z/LAT/LON
  var writtenHash = '';
  function writeHash() {
    var parts = [];
    function put(key, value) { if (value !== '' && value !== null) parts.push(key + '=' + encodeURIComponent(value)); }
    put('q', state.q.trim());
    put('sel', state.sel);
    put('prog', state.prog);
    put('y0', state.y0);
    put('y1', state.y1);
    if (!state.noyear) put('noyear', '0');
    put('theme', state.theme);
    put('layer', state.layer);
    put('region', state.region);
    put('view', state.view);
    writtenHash = parts.length ? '#' + parts.join('&') : '';
    if (location.hash !== writtenHash && !(writtenHash === '' && location.hash === '')) {
      history.replaceState(null, '', writtenHash || location.pathname + location.search);
    }
  }
  function readHash() {
    var params = {};
    location.hash.replace(/^#/, '').split('&').forEach(function (kv) {
      if (!kv) return;
      var at = kv.indexOf('=');
      var key = at < 0 ? kv : kv.slice(0, at);
      var value = at < 0 ? '' : kv.slice(at + 1);
      try { params[key] = decodeURIComponent(value.replace(/\+/g, ' ')); } catch (e) { params[key] = value; }
    });
    state.q = params.q || '';
    state.sel = params.sel || '';
    state.prog = params.prog || '';
    state.y0 = /^\d{4}$/.test(params.y0 || '') ? parseInt(params.y0, 10) : null;
    state.y1 = /^\d{4}$/.test(params.y1 || '') ? parseInt(params.y1, 10) : null;
    state.noyear = params.noyear !== '0';
    state.theme = params.theme || '';
    state.layer = params.layer || '';
    state.region = params.region || '';
    state.view = params.view || '';
  }
  function findSelection(sel) {
    var at = sel.indexOf(':');
    if (at < 0) return null;
    var kind = sel.slice(0, at), name = sel.slice(at + 1), i;
    if (kind === 'e' || kind === 'p') {
      var list = kind === 'e' ? data.establishments : data.partners;
      for (i = 0; i < list.length; i++) if (list[i].name === name) return [kind, i];
    } else if (kind === 'c') {
      for (i = 0; i < data.countries.length; i++) if (data.countries[i].a3 === name) return ['c', data.countries[i].i];
    } else if (kind === 'city') {
      for (i = 0; i < cities.length; i++) if (cities[i].name === name) return ['city', i];
    }
    return null;
  }
  function reselect(move) {
    var found = findSelection(state.sel);
    if (found) {
      if (move) select(found[0], found[1], { from: 'hash' });
      else showDetails(found[0], found[1]);
    }
  }
  function applyHash() {
    readHash();
    writeInputs();
    refresh();
    if (state.q) showResults(state.q);
    var view = /^(\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)$/.exec(state.view);
    var keepView = state.view;
    if (state.sel) reselect(true);
    else if (state.q && lastFound.length) select(lastFound[0].kind, lastFound[0].i, { from: 'hash' });
    if (view && !state.sel && !state.q) map.setView([+view[2], +view[3]], +view[1]);
    state.view = keepView;
    writeHash();
  }
  map.on('moveend', function () {
    var c = map.getCenter();
    state.view = map.getZoom() + '/' + c.lat.toFixed(3) + '/' + c.lng.toFixed(3);
    writeHash();
  });
  window.addEventListener('hashchange', function () {
    if (location.hash !== writtenHash) applyHash();
  });

  // ---- panel, keyboard, print -----------------------------------------
  var toggle = document.getElementById('panelToggle');
  function setPanel(open) {
    document.body.classList.toggle('panel-open', open);
    toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
    toggle.textContent = open ? t('panelClose') : t('panelOpen');
    if (open) searchBox.focus();
  }
  toggle.addEventListener('click', function () {
    setPanel(!document.body.classList.contains('panel-open'));
  });
  function headerHeight() {
    document.documentElement.style.setProperty('--header-height',
      document.getElementById('top').offsetHeight + 'px');
    map.invalidateSize();
  }
  window.addEventListener('resize', headerHeight);
  document.addEventListener('keydown', function (e) {
    if (e.key !== 'Escape') return;
    map.closePopup();
    if (document.body.classList.contains('panel-open')) { setPanel(false); toggle.focus(); }
  });
  window.addEventListener('beforeprint', function () { map.closePopup(); map.invalidateSize(); });
  window.addEventListener('afterprint', function () { map.invalidateSize(); });

  applyHash();
  headerHeight();

  // For tests and embedding: the map, the marks and the selection.
  window.coopmapPage = { map: map, marks: marks, state: state, search: showResults,
    select: select, clusters: clusters, links: data.links, countries: data.countries };
}());
