/** The HTML report's stylesheet, inline and allowed by its hash. System fonts only: nothing is loaded. */
export const STYLE = `
:root { --fg: #1f2933; --muted: #5f6b76; --line: #d9dee3; --bg: #ffffff; --panel: #f6f8fa; --accent: #1565c0;
  --critical: #b71c1c; --high: #e65100; --medium: #f9a825; --low: #78909c; --info: #b0bec5; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--fg); background: var(--bg); }
header { padding: 20px 28px 12px; border-bottom: 1px solid var(--line); background: var(--panel); }
header h1 { margin: 0 0 4px; font-size: 22px; }
nav a { margin-right: 14px; color: var(--accent); text-decoration: none; }
main { padding: 8px 28px 40px; max-width: 1500px; }
section { margin-top: 28px; }
h2 { font-size: 18px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
code { font: 12px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; background: var(--panel); padding: 1px 4px; border-radius: 3px; word-break: break-all; }
.muted, .hint { color: var(--muted); }
.scroll { overflow-x: auto; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 8px 0; }
.card { min-width: 110px; padding: 10px 14px; border: 1px solid var(--line); border-radius: 8px; background: var(--bg); }
.card .value { display: block; font-size: 24px; font-weight: 600; }
.card .label { color: var(--muted); text-transform: capitalize; }
.card.total { border-color: var(--fg); }
.card.sev-critical .value { color: var(--critical); } .card.sev-high .value { color: var(--high); }
.card.sev-medium .value { color: #b08000; } .card.sev-low .value { color: var(--low); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { background: var(--panel); position: sticky; top: 0; }
td.num { text-align: right; width: 80px; }
table.controls td.status { white-space: nowrap; }
table.controls td.status .evidence { display: block; white-space: normal; color: var(--muted); font-size: 12px; max-width: 260px; }
td.status.present { background: #e8f5e9; } td.status.weak { background: #fff8e1; } td.status.missing { background: #ffebee; }
td.status.not-applicable { color: var(--muted); }
.sev { display: inline-block; min-width: 64px; padding: 1px 6px; border-radius: 10px; color: #fff; font-size: 12px; text-align: center; text-transform: uppercase; }
.sev-critical { background: var(--critical); } .sev-high { background: var(--high); } .sev-medium { background: var(--medium); color: #222; }
.sev-low { background: var(--low); } .sev-info { background: var(--info); color: #222; }
.filters { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; margin: 8px 0; }
.filters input[type=search] { flex: 1 1 260px; padding: 6px 8px; }
.filters select { padding: 5px; max-width: 240px; }
.pager { display: flex; gap: 10px; align-items: center; margin: 8px 0; }
#findings-table tr.finding { cursor: pointer; }
#findings-table tr.finding:hover, #findings-table tr.finding.open { background: #f1f6fd; }
#findings-table .threat .title { font-weight: 600; }
#findings-table .object, #findings-table .location { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; word-break: break-all; }
tr.details td { background: #fbfcfd; }
tr.details dl { display: grid; grid-template-columns: 140px 1fr; gap: 4px 12px; margin: 4px 0; }
tr.details dt { color: var(--muted); }
tr.details dd { margin: 0; }
.measure { border-left: 3px solid #2e7d32; padding-left: 8px; }
ul.plain { list-style: none; padding: 0; } ul.plain li { margin: 8px 0; }
details.rule { border-bottom: 1px solid var(--line); padding: 6px 0; }
details.rule summary { cursor: pointer; } details.rule .count { color: var(--muted); }
li.problem.error { color: var(--critical); }
svg text { font: 12px system-ui, "DejaVu Sans", sans-serif; fill: var(--fg); }
.boundary-map .map-cluster { fill: #fafbfc; stroke: #37474f; stroke-width: 1.5; }
.boundary-map .map-title { font-weight: 600; font-size: 14px; }
.boundary-map .map-title.internet { fill: var(--accent); }
.boundary-map .map-internet { fill: #e3f2fd; stroke: var(--accent); }
.boundary-map .map-namespace rect { fill: #fff; stroke: #90a4ae; stroke-dasharray: 5 3; }
.boundary-map .map-namespace.system rect { fill: #fff4e5; }
.boundary-map .map-heading { font-weight: 600; }
.boundary-map .map-count { fill: var(--critical); font-weight: 600; }
.boundary-map .map-level { font-size: 11px; }
.boundary-map text.escapes { fill: var(--critical); font-weight: 600; }
.boundary-map .map-exposed { fill: var(--accent); }
.boundary-map .map-more, .boundary-map .map-small { fill: var(--muted); font-size: 11px; }
.boundary-map .map-pool rect { fill: #eceff1; stroke: #607d8b; }
.boundary-map .map-pool.control-plane rect { fill: #ffebee; stroke: var(--critical); }
.boundary-map .map-escape { fill: var(--critical); font-size: 11px; }
.boundary-map .map-edge { fill: none; stroke: var(--critical); stroke-width: 1.5; opacity: 0.55; }
.attack-path rect { fill: #fff; stroke: #607d8b; } .attack-path .entry rect { fill: #e3f2fd; stroke: var(--accent); }
.attack-path .jewel rect { fill: #ffebee; stroke: var(--critical); } .attack-path line { stroke: var(--critical); stroke-width: 2; }
.attack-path .path-step text { fill: var(--critical); font-size: 11px; }
figure.path { margin: 12px 0; } figure.path figcaption { font-weight: 600; }
table.matrix td.reach.all { background: #ffebee; } table.matrix td.reach.some { background: #fff8e1; }
`;
