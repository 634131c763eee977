import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { ConfigError } from './config-error.ts';

export interface YamlSource {
  data: unknown;
  /**
   * The line of the key (in a mapping) or item (in a list) at `path`; for a key
   * that is missing, the line of the closest enclosing one that is present.
   */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

/** Parses YAML text, turning syntax errors into a ConfigError that names the line and column. */
export function readYaml(text: string, source: string): YamlSource {
  const lineCounter = new LineCounter();
  // uniqueKeys (the default) makes a repeated key an error instead of last-one-wins.
  const doc = parseDocument(text, { lineCounter });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      source,
      doc.errors.map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        return { path: '', line, message: `YAML syntax error: ${firstLine(error.message)} (column ${col})` };
      }),
    );
  }
  let data: unknown;
  try {
    // toJS also enforces maxAliasCount, the guard against "billion laughs" alias bombs.
    data = doc.toJS();
  } catch (error) {
    throw new ConfigError(source, [{ path: '', message: `YAML error: ${(error as Error).message}` }]);
  }
  const lineOf = (path: readonly PropertyKey[]): number | undefined => {
    let node: unknown = doc.contents;
    let offset: number | undefined = doc.contents?.range[0];
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === segment);
        if (!pair) break;
        offset = (pair.key as Node).range?.[0] ?? offset;
        node = pair.value;
      } else if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
        node = node.items[segment];
        offset = (node as Node).range?.[0] ?? offset;
      } else {
        break;
      }
    }
    return offset === undefined ? undefined : lineCounter.linePos(offset).line;
  };
  return { data, lineOf };
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}
