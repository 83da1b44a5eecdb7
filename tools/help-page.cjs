// Renders the function reference (help.html, the @helpurl target) from functions.json: one section per
// function with its description (formula, source, example), arguments and result.
const escape = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

function signature(fn) {
  const args = fn.parameters.map((p) => (p.optional ? `[${p.name}]` : p.name)).join(", ");
  return `=LEV.${fn.name}(${args})`;
}

function renderHelpPage(metadata) {
  const fns = [...metadata.functions].sort((a, b) => a.name.localeCompare(b.name));
  const toc = fns.map((f) => `<a href="#${escape(f.id)}">${escape(f.name)}</a>`).join(" ");
  const sections = fns
    .map((f) => {
      const params = f.parameters
        .map((p) => `<tr><td><code>${escape(p.name)}</code>${p.optional ? " <em>optional</em>" : ""}</td><td>${escape(p.description || "")}</td></tr>`)
        .join("");
      return `<section id="${escape(f.id)}"><h2>${escape(f.name)}</h2><p class="sig"><code>${escape(signature(f))}</code></p><p>${escape(f.description || "")}</p><table><thead><tr><th>argument</th><th>meaning and unit</th></tr></thead><tbody>${params}</tbody></table>${f.result && f.result.dimensionality === "matrix" ? "<p>Returns a table that spills.</p>" : ""}</section>`;
    })
    .join("\n");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'">
<title>LEV function reference</title><link rel="icon" type="image/png" href="assets/icon-32.png">
<style>body{font-family:"Segoe UI",system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#242424;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}code{font-family:Consolas,monospace}
.sig code{background:#f3f3f3;padding:.2rem .4rem}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
nav a{display:inline-block;margin:.1rem .4rem .1rem 0}</style></head>
<body><header><h1>LEV function reference</h1>
<p>Every <code>LEV.*</code> worksheet function: what it returns, its formula and source, and an example. Rates and percentages are fractions (0.5 % is 0.005).</p></header>
<nav aria-label="Functions">${toc}</nav>
<main>
${sections}
</main>
</body></html>
`;
}

module.exports = { renderHelpPage, signature };
