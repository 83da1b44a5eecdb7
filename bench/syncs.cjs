// Round trips: how many context.sync() calls the simulator's Excel adapter makes to write a scenario of
// 10, 1,000 and 10,000 rows. The same setup as the adapter's test (test/taskpane/excel.test.ts, which also
// asserts the counts): office-addin-mock's Excel context with sync counted, the guide's example as a price
// list of n prices, written through createExcelAdapter. Sheets here accept any call and record nothing
// (the test checks what is written; this only counts round trips).
require("./ts.cjs");
const { OfficeMockObject } = require("office-addin-mock");
const { createExcelAdapter, payloadBytes } = require("../src/taskpane/excel.ts");
const { GUIDE_EXAMPLE } = require("../src/taskpane/model/form.ts");
const { validate } = require("../src/taskpane/model/validate.ts");
const { scenarioPlan } = require("../src/taskpane/model/plan.ts");
const { buildScenario } = require("../src/taskpane/model/scenario.ts");

/** An object on which any property is another such object and any call returns one (a sheet that accepts everything). */
function permissive() {
  const target = function () {};
  const handler = {
    get(t, key) {
      if (key === "then") return undefined; // not a promise
      if (!(key in t.props)) t.props[key] = permissive();
      return t.props[key];
    },
    set(t, key, v) {
      t.props[key] = v;
      return true;
    },
    apply() {
      return permissive();
    },
  };
  target.props = {};
  return new Proxy(target, handler);
}

function sheet(name) {
  const s = permissive();
  s.name = name;
  return s;
}

/** Syncs made by one write of `rows` scenario rows. */
async function syncsFor(rows) {
  let syncs = 0;
  const excel = new OfficeMockObject({
    context: {
      workbook: {
        worksheets: {
          items: [sheet("Sheet1")],
          add: (name) => sheet(name),
        },
      },
    },
    run: async function (batch) {
      return batch(this.context);
    },
  });
  const worksheets = excel.context.workbook.worksheets;
  const load = worksheets.load.bind(worksheets);
  worksheets.load = () => load("items");
  const sync = excel.context.sync.bind(excel.context);
  excel.context.sync = async () => {
    syncs++;
    await sync();
  };
  const adapter = createExcelAdapter({ run: (batch) => excel.run(batch), supports: () => true });
  // n prices 0.90000, 0.90001, … around the guide's entry of 1.0000, as the adapter's test writes them
  const prices = Array.from({ length: rows }, (_, i) => (0.9 + i / 100000).toFixed(5)).join(" ");
  const v = validate({ ...GUIDE_EXAMPLE, scenarioKind: "list", priceList: prices });
  if (!v.trade) throw new Error(JSON.stringify(v.errors));
  const plan = scenarioPlan(buildScenario(v.trade));
  const result = await adapter.write(plan);
  if (result && result.ok === false) throw new Error(`the write failed: ${JSON.stringify(result)}`);
  lastBytes = plan.blocks.reduce((sum, b) => sum + payloadBytes(b.rows), 0);
  return syncs;
}
let lastBytes = 0;

async function runSyncs() {
  const out = {};
  for (const n of [10, 1000, 10000]) {
    out[`rows_${n}`] = await syncsFor(n);
    out[`bytes_${n}`] = lastBytes;
  }
  return out;
}

module.exports = { runSyncs };

if (require.main === module) {
  runSyncs().then((r) => console.log(JSON.stringify(r, null, 2)));
}
