// The import direction of ARCHITECTURE.md: a folder of src/ may import only folders above it in
// this list, only through that folder's index.ts, and nothing may form a cycle.
const layers = [
  "shared", "config", "crypto", "xml", "store", "directory", "policy", "protocol",
  "iam", "idp", "sts", "kms", "s3", "audit", "console", "server", "cli",
];

const downward = layers.map((layer, i) => ({
  name: `no-upward-import-from-${layer}`,
  severity: "error",
  comment: `src/${layer} may import only folders above it: ${layers.slice(0, i).join(", ") || "none"}`,
  from: { path: `^src/${layer}/` },
  to: { path: `^src/(${layers.slice(i + 1).join("|") || "$^"})/` },
}));

module.exports = {
  forbidden: [
    ...downward,
    {
      name: "only-through-index",
      severity: "error",
      comment: "another folder of src/ is imported only through its index.ts",
      from: { path: "^src/([^/]+)/" },
      to: { path: "^src/([^/]+)/.+", pathNot: ["^src/$1/", "^src/[^/]+/index\\.ts$"] },
    },
    { name: "no-cycles", severity: "error", from: {}, to: { circular: true } },
    {
      name: "node-crypto-only-in-src-crypto",
      severity: "error",
      comment: "src/crypto is the only importer of node:crypto",
      from: { path: "^src/", pathNot: "^src/crypto/" },
      to: { dependencyTypes: ["core"], path: "^(node:)?crypto$" },
    },
    {
      name: "no-test-code-in-src",
      severity: "error",
      from: { path: "^src/" },
      to: { path: "^(test|bench)/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js"] },
  },
};
