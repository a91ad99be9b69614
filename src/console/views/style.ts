// The console's one stylesheet (sent inline with the page's nonce: the CSP allows no other style,
// and no style attributes, so everything is done with classes). Readable at phone width: the
// header wraps, tables scroll sideways inside their wrapper, forms go to one column.
export const CONSOLE_CSS = `
:root { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #16191f; background: #f2f3f3; line-height: 1.45; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; }
a { color: #0972d3; }
a:focus, button:focus, input:focus, select:focus, textarea:focus, summary:focus { outline: 3px solid #0972d3; outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem; z-index: 2; }
.skip:focus { left: .5rem; }
header.top { background: #232f3e; color: #fff; display: flex; flex-wrap: wrap; align-items: center; gap: .4rem 1.2rem; padding: .55rem 1rem; }
header.top a { color: #fff; text-decoration: none; }
header.top a:hover { text-decoration: underline; }
.brand { font-weight: 700; font-size: 1.05rem; margin-right: .5rem; }
nav.main ul { list-style: none; display: flex; flex-wrap: wrap; gap: .2rem .9rem; margin: 0; padding: 0; }
nav.main a[aria-current="page"] { border-bottom: 2px solid #ec7211; }
.who { margin-left: auto; display: flex; flex-wrap: wrap; gap: .3rem .9rem; align-items: center; font-size: .9rem; }
.who .role { color: #d5dbdb; }
main { max-width: 80rem; margin: 1rem auto 3rem; padding: 0 1rem; }
h1 { font-size: 1.5rem; margin: .6rem 0 1rem; word-break: break-word; }
h2 { font-size: 1.15rem; margin: 0 0 .8rem; }
h3 { font-size: 1rem; margin: 1rem 0 .5rem; }
section.panel { background: #fff; border-radius: 8px; box-shadow: 0 1px 3px rgba(0,0,0,.15); padding: 1rem 1.2rem; margin: 0 0 1rem; }
.panel-head { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: .5rem; }
.note { color: #545b64; font-size: .9rem; }
.muted { color: #545b64; }
td.object-key { min-width: 10rem; overflow-wrap: anywhere; }
code.kms-key { overflow-wrap: anywhere; }
ul.tabs { list-style: none; display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; padding: 0; margin: 0 0 1rem; }
fieldset.properties { margin-top: .5rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
code, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .88em; overflow-wrap: anywhere; }
dl.facts { display: grid; grid-template-columns: minmax(9rem, max-content) 1fr; gap: .35rem 1rem; margin: 0; }
dl.facts dt { font-weight: 600; color: #414d5c; }
dl.facts dd { margin: 0; word-break: break-word; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid #e9ebed; vertical-align: top; }
th { background: #fafafa; font-weight: 600; color: #414d5c; white-space: nowrap; }
td.nowrap, .nowrap { white-space: nowrap; }
td.id { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .85em; }
.badge { display: inline-block; padding: .05rem .5rem; border-radius: 1rem; font-size: .82rem; font-weight: 600; border: 1px solid; white-space: nowrap; }
.badge.ok { color: #037f0c; border-color: #037f0c; background: #f2fcf3; }
.badge.warn { color: #8d6605; border-color: #8d6605; background: #fffce9; }
.badge.bad { color: #d91515; border-color: #d91515; background: #fff7f7; }
form.inline { display: inline; }
.row { display: flex; flex-wrap: wrap; gap: .6rem; align-items: flex-end; }
.row > * { flex: 0 1 auto; min-width: 0; max-width: 100%; }
.field { display: flex; flex-direction: column; align-items: flex-start; gap: .25rem; margin: 0 0 .8rem; }
.field textarea { align-self: stretch; }
section.panel dl.facts + form, section.panel table + form, section.panel .table-wrap + form { margin-top: 1rem; }
input[type=number] { width: 8rem; }
.field label, .label { font-weight: 600; }
.hint { color: #545b64; font-size: .85rem; }
input[type=text], input[type=number], input[type=search], select, textarea { font: inherit; padding: .45rem .55rem; border: 1px solid #879596; border-radius: 4px; background: #fff; max-width: 100%; }
input[type=text], input[type=search], textarea { width: 28rem; }
textarea.policy { width: 100%; min-height: 22rem; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .85rem; line-height: 1.35; }
input[aria-invalid=true], textarea[aria-invalid=true] { border: 2px solid #d91515; }
button, .button { font: inherit; font-weight: 600; padding: .45rem 1rem; border-radius: 20px; border: 2px solid #0972d3; background: #fff; color: #0972d3; cursor: pointer; text-decoration: none; display: inline-block; }
button.primary, .button.primary { background: #ec7211; border-color: #ec7211; color: #fff; }
button.danger { border-color: #d91515; color: #d91515; }
button.link { border: 0; background: none; padding: 0 .2rem; color: #0972d3; text-decoration: underline; font-weight: normal; border-radius: 0; }
.actions { display: flex; flex-wrap: wrap; gap: .5rem; margin-top: .6rem; }
fieldset { border: 1px solid #d5dbdb; border-radius: 6px; padding: .5rem 1rem .8rem; margin: 0 0 1rem; }
legend { font-weight: 600; padding: 0 .3rem; }
.choice { display: flex; gap: .55rem; align-items: flex-start; padding: .3rem 0; }
.choice label { font-weight: normal; }
.choice .hint { display: block; }
table.principals td .hint { display: block; font-family: system-ui, sans-serif; font-size: .82rem; }
table.principals label { white-space: nowrap; }
.flash { background: #f2fcf3; border-left: 4px solid #037f0c; padding: .6rem .9rem; margin: 0 0 1rem; border-radius: 4px; }
.problem { background: #fff7f7; border-left: 4px solid #d91515; padding: .7rem .9rem; margin: .6rem 0 1rem; border-radius: 4px; }
.problem h3 { margin: 0 0 .35rem; }
.problem p { margin: .3rem 0; }
.problem table { background: #fff; margin: .4rem 0; }
.problem details { margin-top: .4rem; }
.problem summary { cursor: pointer; color: #0972d3; }
.field-error { color: #d91515; font-weight: 600; margin: .25rem 0; }
pre.policy { background: #0f1b2a; color: #e9ebed; padding: .8rem; border-radius: 6px; overflow-x: auto; font-size: .82rem; line-height: 1.35; margin: 0; }
ol.steps { list-style: none; display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; padding: 0; margin: 0 0 1rem; font-size: .9rem; }
ol.steps li { color: #545b64; }
ol.steps li[aria-current="step"] { color: #16191f; font-weight: 700; border-bottom: 2px solid #ec7211; }
.chart { width: 100%; height: auto; max-width: 60rem; display: block; }
.chart text { font-family: system-ui, sans-serif; }
.legend { display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; font-size: .88rem; margin: .3rem 0 0; padding: 0; list-style: none; }
.swatch { display: inline-block; width: .9rem; height: .9rem; border-radius: 2px; vertical-align: -2px; margin-right: .35rem; }
.swatch.allowed, .swatch.current { background: #0972d3; }
.swatch.denied { background: #d91515; }
.swatch.retained { background: #9ec5f0; }
.swatch.next { border: 1px dashed #545b64; }
table#events td.error { min-width: 15rem; }
table#events td.id { max-width: 12rem; }
.result-denied { color: #d91515; font-weight: 600; }
.result-failed { color: #8d6605; font-weight: 600; }
.result-allowed { color: #037f0c; }
.danger-zone { border: 1px solid #d91515; }
@media (max-width: 40rem) {
  main { padding: 0 .5rem; }
  section.panel { padding: .8rem; border-radius: 0; }
  dl.facts { grid-template-columns: 1fr; gap: .1rem; }
  dl.facts dd { margin-bottom: .45rem; }
  input[type=text], input[type=search], textarea, select { width: 100%; }
  .panel-head > form, .row > .field { flex: 1 1 100%; }
  .row > .field { align-items: stretch; }
  .who { margin-left: 0; }
  table.stack thead { display: none; }
  table.stack tr { display: block; border-bottom: 1px solid #d5dbdb; padding: .3rem 0; }
  table.stack td { display: block; border: 0; padding: .15rem .3rem; }
  table#events td.error { min-width: 0; }
  table.stack td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; color: #414d5c; }
}
`;
