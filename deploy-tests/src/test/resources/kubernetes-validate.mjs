// Validates Kubernetes objects with the OpenAPI schemas compiled into npm kubernetes-models (see Tools.java).
// Usage: node kubernetes-validate.mjs <node_modules dir> <objects.json>; prints one JSON result per object.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const [, , modulesDir, file] = process.argv;
const require = createRequire(path.join(modulesDir, "index.js"));
const objects = JSON.parse(readFileSync(file, "utf8"));
const results = [];
for (const object of objects) {
  const [group, version] = object.apiVersion.includes("/") ? object.apiVersion.split("/") : ["", object.apiVersion];
  const module = `kubernetes-models/${group ? group + "/" : ""}${version}/${object.kind}`;
  const result = { kind: object.kind, name: object.metadata?.name, module, errors: [] };
  try {
    const Model = require(module)[object.kind];
    new Model(object).validate();
  } catch (e) {
    result.errors.push(String(e.message ?? e));
  }
  results.push(result);
}
console.log(JSON.stringify(results));
