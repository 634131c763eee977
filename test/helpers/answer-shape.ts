/**
 * Every key path of a JSON value, sorted, to compare the shape of a fake's answer with
 * a recorded one: `a.b` for keys, `a[]` for the items of an array (all merged), and
 * `*` for any key of an object listed in `dictionaries` by its path (objects keyed by
 * data, such as PyPI's `releases` by version or an npm bulk answer by name; `''` is
 * the root). Values are not compared: recorded figures and fake ones differ.
 */
export function keyPaths(value: unknown, dictionaries: readonly string[] = []): string[] {
  const paths = new Set<string>();
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item, `${path}[]`);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const keyedByData = dictionaries.includes(path);
    for (const [key, child] of Object.entries(node)) {
      const name = keyedByData ? '*' : key;
      const childPath = path === '' ? name : `${path}.${name}`;
      paths.add(childPath);
      walk(child, childPath);
    }
  };
  walk(value, '');
  return [...paths].sort();
}
