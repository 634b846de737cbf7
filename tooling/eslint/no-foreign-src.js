import path from 'node:path';

/**
 * Each workspace is reached through its package name (`@confab/testing/sign-in`), never by a
 * relative path that climbs into another workspace's folder: the package's `exports` are its
 * public surface, and a path into its `src/` couples to files it may move at any time.
 */
const repoRoot = path.resolve(import.meta.dirname, '../..');

/** The workspace a file belongs to: apps/<name>, packages/<name>, bench, or the root (e2e, tooling). */
function workspaceOf(file) {
  const [first, second] = path.relative(repoRoot, file).split(path.sep);
  if ((first === 'apps' || first === 'packages') && second) return `${first}/${second}`;
  if (first === 'bench') return 'bench';
  return '.';
}

export const noForeignSrc = {
  meta: {
    type: 'problem',
    docs: { description: "Forbid relative imports into another workspace's files" },
    messages: { foreign: "'{{source}}' reaches into {{target}}; import it by its package name (add it to that package's exports)." },
    schema: [],
  },
  create(context) {
    const file = context.filename;
    const own = workspaceOf(file);
    const check = (node) => {
      const source = node?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = workspaceOf(path.resolve(path.dirname(file), source));
      if (target !== own) context.report({ node, messageId: 'foreign', data: { source, target } });
    };
    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    };
  },
};

export default { rules: { 'no-foreign-src': noForeignSrc } };
