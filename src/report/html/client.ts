/**
 * The HTML report's only script: it reads the JSON data block and builds the findings table (search, filters,
 * pages, evidence and measure per finding). It creates every node with createElement and fills it with textContent:
 * input never reaches innerHTML, so a hostile name is shown, not run. Plain ES2017, no template literals, so that
 * it can live in a TypeScript string and be allowed by its hash in the Content-Security-Policy.
 */
export const CLIENT_SCRIPT = String.raw`
(function () {
  'use strict';
  var PAGE_SIZE = 50;
  var data = JSON.parse(document.getElementById('kt-data').textContent);
  var rules = data.rules;
  var findings = data.findings;
  var state = { search: '', severity: '', boundary: '', namespace: '', rule: '', persistence: false, page: 0 };
  var byId = function (id) { return document.getElementById(id); };

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function fillSelect(id, values, label) {
    var select = byId(id);
    values.forEach(function (value) {
      var option = document.createElement('option');
      option.value = value;
      option.textContent = label ? label(value) : value;
      select.appendChild(option);
    });
  }

  function distinct(values) {
    var seen = Object.create(null);
    var out = [];
    values.forEach(function (value) { if (!seen[value]) { seen[value] = true; out.push(value); } });
    return out.sort();
  }

  var haystacks = findings.map(function (finding) {
    var rule = rules[finding.r];
    return [finding.m, finding.o, finding.p, finding.l, finding.c || '', finding.h || '', finding.f, rule.id, rule.title].join('\n').toLowerCase();
  });

  fillSelect('filter-namespace', distinct(findings.map(function (finding) { return finding.n; })));
  fillSelect('filter-rule', distinct(findings.map(function (finding) { return rules[finding.r].id; })));

  function matches(index) {
    var finding = findings[index];
    if (state.severity && finding.s !== state.severity) return false;
    if (state.boundary && finding.b !== state.boundary) return false;
    if (state.namespace && finding.n !== state.namespace) return false;
    if (state.rule && rules[finding.r].id !== state.rule) return false;
    if (state.persistence && !finding.q) return false;
    return !state.search || haystacks[index].indexOf(state.search) !== -1;
  }

  function evidence(list, term, value, code) {
    if (value === undefined || value === null || value === '') return;
    list.appendChild(element('dt', '', term));
    var description = element('dd');
    description.appendChild(element(code ? 'code' : 'span', '', value));
    list.appendChild(description);
  }

  function detailsRow(finding) {
    var rule = rules[finding.r];
    var row = element('tr', 'details');
    row.hidden = true;
    var cell = element('td');
    cell.colSpan = 6;
    var list = element('dl');
    evidence(list, 'Finding', finding.m);
    evidence(list, 'Object', finding.o, true);
    evidence(list, 'Container', finding.c, true);
    evidence(list, 'Field', finding.p, true);
    evidence(list, 'Location', finding.l, true);
    evidence(list, 'Helm template', finding.h, true);
    evidence(list, 'Related', finding.x ? finding.x.join(', ') : '', true);
    evidence(list, 'Risk', finding.k);
    evidence(list, 'Why it matters', rule.rationale);
    evidence(list, 'Measure', finding.d || rule.remediation);
    evidence(list, 'Rule', rule.id + ' \u00b7 ' + rule.stride.join(', '), true);
    evidence(list, 'Fingerprint', finding.f, true);
    cell.appendChild(list);
    row.appendChild(cell);
    return row;
  }

  function findingRow(index) {
    var finding = findings[index];
    var rule = rules[finding.r];
    var row = element('tr', 'finding');
    row.tabIndex = 0;
    row.setAttribute('data-severity', finding.s);
    row.setAttribute('data-boundary', finding.b);
    var severity = element('td');
    severity.appendChild(element('span', 'sev sev-' + finding.s, finding.s));
    row.appendChild(severity);
    var threat = element('td', 'threat');
    threat.appendChild(element('div', 'title', rule.title));
    threat.appendChild(element('div', 'message', finding.m));
    row.appendChild(threat);
    row.appendChild(element('td', 'object', finding.o));
    row.appendChild(element('td', '', finding.n));
    row.appendChild(element('td', '', finding.b));
    row.appendChild(element('td', 'location', finding.l));
    var details = detailsRow(finding);
    var toggle = function () { details.hidden = !details.hidden; row.classList.toggle('open', !details.hidden); };
    row.addEventListener('click', toggle);
    row.addEventListener('keydown', function (event) { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); toggle(); } });
    return [row, details];
  }

  function render() {
    var matched = [];
    for (var index = 0; index < findings.length; index++) if (matches(index)) matched.push(index);
    var pages = Math.max(1, Math.ceil(matched.length / PAGE_SIZE));
    if (state.page >= pages) state.page = pages - 1;
    var start = state.page * PAGE_SIZE;
    var body = byId('findings-body');
    var fragment = document.createDocumentFragment();
    matched.slice(start, start + PAGE_SIZE).forEach(function (position) {
      findingRow(position).forEach(function (row) { fragment.appendChild(row); });
    });
    body.replaceChildren(fragment);
    byId('match-count').textContent = matched.length + ' of ' + findings.length + ' findings';
    byId('page-info').textContent = matched.length === 0 ? 'no finding matches' : 'showing ' + (start + 1) + '\u2013' + Math.min(start + PAGE_SIZE, matched.length) + ', page ' + (state.page + 1) + ' of ' + pages;
    byId('page-prev').disabled = state.page === 0;
    byId('page-next').disabled = state.page >= pages - 1;
    byId('no-findings').hidden = matched.length > 0;
  }

  function bind(id, key, read) {
    var control = byId(id);
    control.addEventListener(control.tagName === 'SELECT' || control.type === 'checkbox' ? 'change' : 'input', function () {
      state[key] = read(control);
      state.page = 0;
      render();
    });
  }

  bind('search', 'search', function (control) { return control.value.trim().toLowerCase(); });
  bind('filter-severity', 'severity', function (control) { return control.value; });
  bind('filter-boundary', 'boundary', function (control) { return control.value; });
  bind('filter-namespace', 'namespace', function (control) { return control.value; });
  bind('filter-rule', 'rule', function (control) { return control.value; });
  bind('filter-persistence', 'persistence', function (control) { return control.checked; });
  byId('page-prev').addEventListener('click', function () { state.page = Math.max(0, state.page - 1); render(); });
  byId('page-next').addEventListener('click', function () { state.page += 1; render(); });
  render();
  document.documentElement.setAttribute('data-ready', 'true');
})();
`;
