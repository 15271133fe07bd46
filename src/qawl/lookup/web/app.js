// qawl-lookup serve: the search page. Everything from the index is put in
// the page as text (textContent, createElement, setAttribute with checked
// URLs), never as HTML; the Content-Security-Policy allows no inline script.
'use strict';

(function () {
  const KINDS = { direct: 'مباشر', partial: 'جزئي', indirect: 'غير مباشر' };
  const SEARCH_FIELDS = ['speaker', 'q', 'phrase', 'since', 'until', 'kind'];
  const SVG = 'http://www.w3.org/2000/svg';

  const $ = (id) => document.getElementById(id);

  // el('a', {href: …, class: …}, child, 'text', …): children are nodes or
  // strings (added as text nodes).
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined) continue;
      if (k === 'class') e.className = v; else e.setAttribute(k, v);
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      e.append(typeof c === 'string' ? document.createTextNode(c) : c);
    }
    return e;
  }

  // An http(s) URL as a string, or null (javascript:, data: and the like).
  function safeUrl(u) {
    try {
      const url = new URL(u);
      return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
    } catch (e) {
      return null;
    }
  }

  function setStatus(text, isError) {
    const s = $('status');
    s.textContent = text;
    s.className = isError ? 'error' : '';
  }

  async function getJson(url) {
    const res = await fetch(url, { headers: { Accept: 'application/json' } });
    let body = null;
    try {
      body = await res.json();
    } catch (e) {
      throw new Error('HTTP ' + res.status);
    }
    if (!res.ok) throw new Error(body && body.error ? body.error.message : 'HTTP ' + res.status);
    return body;
  }

  function kindBadge(kind) {
    const k = String(kind).toLowerCase();
    return el('span', { class: 'kind ' + (KINDS[k] ? k : ''), 'data-kind': k }, KINDS[k] || k);
  }

  function speakerHref(id) {
    return '/?' + new URLSearchParams({ view: 'speaker', id: id }).toString();
  }

  function dates(first, last) {
    if (!first) return 'بلا تاريخ';
    return first === last ? first : first + ' … ' + last;
  }

  function renderEntry(entry) {
    const occ = entry.occurrences || [];
    let confidence = 0;
    for (const o of occ) confidence = Math.max(confidence, o.confidence || 0);
    const who = entry.speaker && entry.speaker.id
      ? el('a', { href: speakerHref(entry.speaker.id) }, el('bdi', {}, entry.speaker.name || entry.speaker.id))
      : el('bdi', {}, entry.mention || 'متحدث غير معروف');
    const li = el('li', { class: 'entry', 'data-entry': String(entry.entry) },
      el('div', { class: 'who' }, who, ' ',
        el('span', { class: 'meta' },
          entry.count + ' ' + (entry.count === 1 ? 'مرة' : 'مرات') + ' في ' + entry.articles + ' ' +
          (entry.articles === 1 ? 'مقال' : 'مقالات') + ' · ',
          el('bdi', { class: 'dates' }, dates(entry.first_date, entry.last_date)),
          confidence > 0 ? ' · الثقة ' + confidence.toFixed(2) : '')),
      el('div', { class: 'kinds' }, ...(entry.kinds || []).map(kindBadge)),
      el('p', { class: 'quote', dir: 'auto' }, entry.text));
    const list = el('ol', { class: 'occurrences' });
    for (const o of occ) {
      const url = safeUrl(o.url || '');
      const label = o.article_id || o.url || '';
      list.append(el('li', {},
        el('bdi', { class: 'dates' }, (o.date || '').slice(0, 10) || 'بلا تاريخ'), ' ',
        kindBadge(o.kind || ''), ' ',
        url ? el('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, el('bdi', {}, label))
            : el('bdi', {}, label)));
    }
    if (entry.count > occ.length) list.append(el('li', {}, '… ' + (entry.count - occ.length) + ' أخرى'));
    li.append(list);
    return li;
  }

  function renderEntries(entries) {
    const results = $('results');
    results.replaceChildren(...entries.map(renderEntry));
  }

  function pageLink(params, page, text) {
    const p = new URLSearchParams(params);
    p.set('page', String(page));
    return el('a', { href: '/?' + p.toString(), rel: page > 1 ? 'next' : 'prev' }, text);
  }

  async function runSearch(params) {
    const api = new URLSearchParams();
    for (const name of SEARCH_FIELDS.concat(['page', 'page_size'])) {
      const v = params.get(name);
      if (v) api.set(name, v);
    }
    const page = Number(params.get('page') || '1');
    setStatus('جارٍ البحث…');
    try {
      const data = await getJson('/api/search?' + api.toString());
      renderEntries(data.entries);
      const pager = $('pager');
      pager.replaceChildren();
      if (page > 1) pager.append(pageLink(params, page - 1, '→ السابق'));
      if (data.entries.length > 0 || page > 1) pager.append(el('span', {}, 'صفحة ' + page));
      if (data.has_more) pager.append(pageLink(params, page + 1, 'التالي ←'));
      const first = (page - 1) * data.page_size + 1;
      setStatus(data.entries.length === 0 ? 'لا نتائج'
        : 'النتائج ' + first + '–' + (first + data.entries.length - 1) + (data.has_more ? ' (وغيرها)' : ''));
    } catch (e) {
      renderEntries([]);
      setStatus(e.message, true);
    }
  }

  // A bar per month from the first to the last month with quotes.
  function monthChart(months) {
    const counts = new Map(months.map((m) => [m.month, m.quotes]));
    const all = [];
    if (months.length > 0) {
      let [y, m] = months[0].month.split('-').map(Number);
      const [ly, lm] = months[months.length - 1].month.split('-').map(Number);
      while (y < ly || (y === ly && m <= lm)) {
        const key = y + '-' + String(m).padStart(2, '0');
        all.push([key, counts.get(key) || 0]);
        if (++m > 12) { m = 1; ++y; }
        if (all.length > 1200) break;
      }
    }
    const max = Math.max(1, ...all.map((a) => a[1]));
    // Fixed sizes in pixels (the chart scales down only when too wide):
    // a bar per month with its count above and its month number below, the
    // year under the first month and every January.
    const barW = 26, gap = 8, h = 140, top = 18, bottom = 40, left = 12;
    const width = Math.max(200, left * 2 + all.length * (barW + gap));
    const height = h + top + bottom;
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('id', 'months-chart');
    svg.setAttribute('class', 'chart');
    svg.setAttribute('width', String(width));
    svg.setAttribute('height', String(height));
    svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', 'الاقتباسات في كل شهر');
    const add = (tag, attrs, text) => {
      const e = document.createElementNS(SVG, tag);
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
      if (text !== undefined) e.textContent = text;
      svg.append(e);
      return e;
    };
    add('line', { class: 'axis', x1: left / 2, y1: top + h, x2: width - left / 2, y2: top + h });
    all.forEach(([month, n], i) => {
      const x = left + i * (barW + gap);
      const mid = x + barW / 2;
      const bh = Math.round((n / max) * h);
      const bar = add('rect', { class: 'bar', x: x, y: top + h - bh, width: barW, height: bh, 'data-month': month });
      const title = document.createElementNS(SVG, 'title');
      title.textContent = month + ': ' + n;
      bar.append(title);
      if (n > 0) add('text', { x: mid, y: top + h - bh - 4, 'text-anchor': 'middle' }, String(n));
      const [year, mm] = month.split('-');
      add('text', { x: mid, y: top + h + 14, 'text-anchor': 'middle' }, mm);
      if (i === 0 || mm === '01') add('text', { class: 'year', x: x, y: top + h + 32 }, year);
    });
    return svg;
  }

  async function showSpeaker(id) {
    setStatus('…');
    const page = $('speaker-page');
    try {
      const s = await getJson('/api/speakers/' + encodeURIComponent(id));
      const wikidata = /^Q[0-9]+$/.test(s.wikidata || '')
        ? el('a', { href: 'https://www.wikidata.org/wiki/' + s.wikidata, rel: 'noopener noreferrer', class: 'wikidata' },
             'Wikidata ' + s.wikidata)
        : null;
      const searchLink = el('a', { href: '/?' + new URLSearchParams({ speaker: s.id }).toString() }, 'كل اقتباساته');
      page.replaceChildren(
        el('h2', {}, el('bdi', { class: 'speaker-name' }, s.name || s.id)),
        el('p', { class: 'meta' },
          el('bdi', {}, s.id), ' · ',
          el('bdi', {}, 'الاقتباسات: ' + s.quotes), ' · ',
          el('bdi', {}, 'النصوص: ' + s.entries), ' · ',
          el('bdi', { class: 'dates' }, dates(s.first_date, s.last_date)),
          wikidata ? ' · ' : null, wikidata, ' · ', searchLink),
        el('h3', {}, 'الاقتباسات في كل شهر'),
        monthChart(s.months),
        el('h3', {}, 'أحدث الاقتباسات'));
      page.hidden = false;
      renderEntries(s.recent);
      document.title = (s.name || s.id) + ' · قول';
      setStatus('');
    } catch (e) {
      page.hidden = true;
      setStatus(e.message, true);
    }
  }

  function setupSuggestions() {
    const input = $('speaker');
    const list = $('suggestions');
    let timer = null;
    let seq = 0;
    let items = [];
    let active = -1;
    const close = () => {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      active = -1;
    };
    const pick = (s) => {
      input.value = s.id;
      close();
      $('search').requestSubmit();
    };
    const highlight = (i) => {
      active = i;
      [...list.children].forEach((li, j) => li.setAttribute('aria-selected', j === i ? 'true' : 'false'));
    };
    async function load() {
      const mine = ++seq;
      const prefix = input.value.trim();
      if (!prefix) { close(); return; }
      let data;
      try {
        data = await getJson('/api/speakers?' + new URLSearchParams({ prefix: prefix }).toString());
      } catch (e) {
        close();
        return;
      }
      if (mine !== seq) return;
      items = data.speakers;
      list.replaceChildren(...items.map((s, i) => {
        const li = el('li', { role: 'option', id: 'suggestion-' + i, 'data-id': s.id },
          el('bdi', { class: 'label' }, s.label), ' ',
          s.name && s.name !== s.label ? el('bdi', { class: 'name' }, s.name) : null, ' ',
          el('span', { class: 'count' }, '(' + s.quotes + ')'));
        li.addEventListener('mousedown', (ev) => { ev.preventDefault(); pick(s); });
        return li;
      }));
      list.hidden = items.length === 0;
      input.setAttribute('aria-expanded', items.length ? 'true' : 'false');
      active = -1;
    }
    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(load, 120);
    });
    input.addEventListener('keydown', (ev) => {
      if (list.hidden) return;
      if (ev.key === 'ArrowDown') { highlight(Math.min(active + 1, items.length - 1)); ev.preventDefault(); }
      else if (ev.key === 'ArrowUp') { highlight(Math.max(active - 1, 0)); ev.preventDefault(); }
      else if (ev.key === 'Enter' && active >= 0) { pick(items[active]); ev.preventDefault(); }
      else if (ev.key === 'Escape') close();
    });
    input.addEventListener('blur', () => setTimeout(close, 150));
  }

  // The address carries the query (bookmarkable): only the fields given.
  function setupForm() {
    $('search').addEventListener('submit', (ev) => {
      ev.preventDefault();
      const p = new URLSearchParams();
      for (const name of SEARCH_FIELDS) {
        const v = $(name).value.trim();
        if (v) p.set(name, v);
      }
      location.assign('/?' + p.toString());
    });
  }

  function start() {
    setupForm();
    setupSuggestions();
    const params = new URLSearchParams(location.search);
    for (const name of SEARCH_FIELDS) {
      const v = params.get(name);
      if (v) $(name).value = v;
    }
    if (params.get('view') === 'speaker' && params.get('id')) {
      showSpeaker(params.get('id'));
    } else if (SEARCH_FIELDS.some((n) => params.get(n))) {
      runSearch(params);
    }
  }

  start();
})();
