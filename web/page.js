// page.js: the interactive part of the page coopmap publishes.  Reads the
// data block, draws marks over the map, shows tooltips and details, filters
// by programme, year, theme and layer, and finds an establishment or a
// partner with its peers.  Text from the data only ever goes into the page
// through textContent.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('coopmap-data').textContent);
  var svgNS = 'http://www.w3.org/2000/svg';
  var overlay = document.getElementById('marks');
  var tip = document.getElementById('tip');
  var details = document.getElementById('details');
  var state = { programme: '', theme: '', layer: '', yearMin: null, yearMax: null };

  function fold(s) {
    return (s || '').normalize('NFD').replace(/[\u0300-\u036f]/g, '')
      .toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  }

  function projectShown(p) {
    if (state.programme && p.programme_group !== state.programme) return false;
    if (state.theme && fold(p.theme).indexOf(fold(state.theme)) < 0) return false;
    if (state.yearMin !== null && (!p.year || p.year < state.yearMin)) return false;
    if (state.yearMax !== null && (!p.year || p.year > state.yearMax)) return false;
    if (state.layer) {
      var layer = data.layers.filter(function (l) { return l.id === state.layer; })[0];
      if (!layer || layer.countries.indexOf(p.iso_a3) < 0) return false;
    }
    return true;
  }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function line(parent, text, tag) {
    var el = document.createElement(tag || 'p');
    el.textContent = text;
    parent.appendChild(el);
    return el;
  }

  function names(ids, list) {
    return ids.map(function (i) { return list[i].name; }).join(', ') || '—';
  }

  function showDetails(kind, item) {
    clear(details);
    line(details, item.name, 'h2');
    if (kind === 'partner') {
      line(details, (item.city ? item.city + ', ' : '') + item.country);
      line(details, 'Établissements français : ' + names(item.establishments, data.establishments));
    } else if (kind === 'establishment') {
      if (item.region) line(details, item.region);
      line(details, 'Partenaires : ' + names(item.partners, data.partners));
      line(details, 'Avec le même partenaire : ' + names(item.same_partner, data.establishments));
      line(details, 'Dans les mêmes pays : ' + names(item.same_country, data.establishments));
    } else {
      line(details, item.projects + ' projet(s) ; établissements : ' +
        names(item.establishments, data.establishments));
      if (item.tags) line(details, 'Couches : ' + item.tags);
    }
    var list = document.createElement('ul');
    item.project_ids.forEach(function (k) {
      var p = data.projects[k];
      if (!projectShown(p)) return;
      line(list, data.establishments[p.e] ? data.establishments[p.e].name + ' — ' +
        (p.partner || p.country) + (p.year ? ' (' + p.year + ')' : '') +
        (p.theme ? ' : ' + p.theme : '') : p.country, 'li');
    });
    details.appendChild(list);
  }

  function mark(kind, item, shape) {
    if (item.x === null || item.y === null) return null;
    var el = document.createElementNS(svgNS, shape);
    el.setAttribute('class', 'mark ' + kind + (item.approximate ? ' approximate' : ''));
    el.setAttribute('tabindex', '0');
    el.setAttribute('role', 'button');
    el.setAttribute('aria-label', item.name);
    if (shape === 'circle') {
      el.setAttribute('cx', item.x);
      el.setAttribute('cy', item.y);
      el.setAttribute('r', kind === 'partner' ? 4 + 2 * Math.sqrt(item.establishments.length)
        : kind === 'country' ? 6 : 4);
    } else {
      el.setAttribute('x', item.x - 4);
      el.setAttribute('y', item.y - 4);
      el.setAttribute('width', 8);
      el.setAttribute('height', 8);
    }
    el.addEventListener('mouseenter', function (e) {
      tip.textContent = item.name;
      tip.style.left = (e.pageX + 12) + 'px';
      tip.style.top = (e.pageY + 12) + 'px';
      tip.hidden = false;
    });
    el.addEventListener('mouseleave', function () { tip.hidden = true; });
    el.addEventListener('click', function () { showDetails(kind, item); });
    el.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); showDetails(kind, item); }
    });
    overlay.appendChild(el);
    item.el = el;
    return el;
  }

  function refresh() {
    var shown = 0;
    data.projects.forEach(function (p) { if (projectShown(p)) shown++; });
    ['countries', 'establishments', 'partners'].forEach(function (k) {
      data[k].forEach(function (item) {
        if (!item.el) return;
        var visible = item.project_ids.some(function (i) { return projectShown(data.projects[i]); });
        item.el.style.display = visible ? '' : 'none';
      });
    });
    document.getElementById('count').textContent = shown + ' projet(s) affiché(s) sur ' +
      data.projects.length;
  }

  function fillSelect(id, values) {
    var select = document.getElementById(id);
    values.forEach(function (v) {
      var o = document.createElement('option');
      o.value = typeof v === 'string' ? v : v.id;
      o.textContent = typeof v === 'string' ? v : v.title;
      select.appendChild(o);
    });
    select.addEventListener('change', function () {
      state[id] = select.value;
      refresh();
    });
  }

  function search(text) {
    var key = fold(text), results = document.getElementById('results');
    clear(results);
    if (!key) return [];
    var found = [];
    [['establishment', data.establishments], ['partner', data.partners]].forEach(function (pair) {
      pair[1].forEach(function (item) {
        var hay = [item.name].concat(item.variants || []).map(fold).join(' | ');
        if (hay.indexOf(key) >= 0) found.push([pair[0], item]);
      });
    });
    found.slice(0, 20).forEach(function (f) {
      var li = line(results, f[1].name, 'li');
      li.setAttribute('tabindex', '0');
      li.addEventListener('click', function () { showDetails(f[0], f[1]); });
      li.addEventListener('keydown', function (e) {
        if (e.key === 'Enter') showDetails(f[0], f[1]);
      });
    });
    if (found.length) showDetails(found[0][0], found[0][1]);
    return found;
  }

  data.countries.forEach(function (c) { mark('country', c, 'circle'); });
  data.establishments.forEach(function (e) { mark('establishment', e, 'rect'); });
  data.partners.forEach(function (p) { mark('partner', p, 'circle'); });
  fillSelect('programme', data.programmes);
  fillSelect('theme', data.themes);
  fillSelect('layer', data.layers);
  ['yearMin', 'yearMax'].forEach(function (id) {
    var input = document.getElementById(id);
    input.addEventListener('input', function () {
      state[id] = input.value ? parseInt(input.value, 10) : null;
      refresh();
    });
  });
  document.getElementById('search').addEventListener('input', function (e) {
    search(e.target.value);
  });
  refresh();

  // #selftest: what a browser test checks, written into the page.
  if (location.hash === '#selftest') {
    var out = [], partner = data.partners.filter(function (p) {
      return p.establishments.length >= 2;
    })[0];
    if (partner) {
      var found = search(partner.name.slice(0, 12));
      out.push('search ' + (found.length > 0 ? 'ok' : 'failed') + ': ' + partner.name);
      out.push('peers: ' + names(partner.establishments, data.establishments));
    }
    var first = data.partners[0];
    if (first) {
      search(first.name);
      out.push('result text: ' + document.getElementById('results').textContent);
    }
    out.push('scripts: ' + document.querySelectorAll('script').length);
    var before = document.getElementById('count').textContent;
    state.programme = data.programmes[0] || '';
    refresh();
    var after = document.getElementById('count').textContent;
    out.push('filter ' + (before !== after ? 'ok' : 'failed') + ': ' + before + ' -> ' + after);
    document.getElementById('selftest').textContent = out.join('\n');
  }
}());
