// Read BPMN files with the bpmn.io toolchain and print what it says, as JSON on stdout:
// {"<file>": {"warnings": [bpmn-moddle import warnings], "lint": [{rule, id, message, category}]}}
// bpmnlint runs its recommended rules. Used by tests/browser/test_bpmn.py.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { BpmnModdle } from "bpmn-moddle";

const require = createRequire(import.meta.url);
const { Linter } = require("bpmnlint");
const NodeResolver = require("bpmnlint/lib/resolver/node-resolver");

const out = {};
for (const file of process.argv.slice(2)) {
  // A new linter for every file: some rules keep state between the diagrams one linter reads.
  const linter = new Linter({
    config: { extends: "bpmnlint:recommended" },
    resolver: new NodeResolver(),
  });
  const moddle = new BpmnModdle();
  const { rootElement, warnings } = await moddle.fromXML(readFileSync(file, "utf8"));
  const reports = await linter.lint(rootElement);
  const lint = [];
  for (const [rule, items] of Object.entries(reports)) {
    for (const item of items) {
      lint.push({ rule, id: item.id, message: item.message, category: item.category });
    }
  }
  out[file] = { warnings: warnings.map((w) => String(w.message)), lint };
}
process.stdout.write(JSON.stringify(out));
