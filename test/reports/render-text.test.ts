import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, renderCsv } from '../../reports/render-csv.ts';
import { renderJson } from '../../reports/render-json.ts';
import { renderMarkdown } from '../../reports/render-markdown.ts';
import { HOSTILE, hostileReport, sampleReport } from '../helpers/report-fixture.ts';

/** A minimal RFC 4180 reader, to check the CSV the way a spreadsheet would split it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted && char === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted) {
      if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else {
      cell += char;
    }
  }
  return rows;
}

describe('CSV', () => {
  it('has exactly the contract columns and one row per series and metric', () => {
    const report = sampleReport();
    const rows = parseCsv(renderCsv(report));
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(report.rows.length + 1);
    expect(rows.slice(1).every((row) => row.length === CSV_COLUMNS.length)).toBe(true);
  });

  it('neutralises formula prefixes in text cells, keeps numbers (negative deltas too) as numbers', () => {
    const rows = parseCsv(renderCsv(hostileReport())).slice(1);
    const textCells = rows.flatMap((row) => row.slice(0, 5));
    for (const cell of textCells) expect(cell, cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(textCells).toContain(`'${HOSTILE.hyperlink}`);
    expect(textCells).toContain(`'${HOSTILE.cmd}`);
    expect(textCells).toContain(`'${HOSTILE.sum}`);
    expect(textCells).toContain(`'${HOSTILE.minus}`);
    for (const row of rows) for (const cell of row.slice(5)) expect(cell).toMatch(/^(-?\d+(\.\d+)?)?$/);
  });

  it('keeps the raw metric names, which people read as titles elsewhere', () => {
    const metrics = parseCsv(renderCsv(sampleReport())).slice(1).map((row) => row[4]);
    expect(metrics).toEqual(['stars', 'stars', 'repositories', 'repositories', 'downloads_30d', 'downloads_all_time']);
  });

  it('matches its snapshot', async () => {
    await expect(renderCsv(sampleReport())).toMatchFileSnapshot('__snapshots__/report-2026-W48.csv');
  });
});

describe('Markdown', () => {
  it('keeps hostile strings from breaking tables or injecting HTML', () => {
    const md = renderMarkdown(hostileReport());
    expect(md).not.toContain('<script');
    expect(md).not.toContain('<img');
    // Every row has as many cells as its table's header: a label cannot add a column.
    let header = 0;
    for (const line of md.split('\n').filter((l) => l.startsWith('| '))) {
      const pipes = line.match(/(?<!\\)\|/g)?.length ?? 0;
      if (line.startsWith('| Name')) header = pipes;
      else expect(pipes).toBe(header);
    }
    expect(header).toBeGreaterThan(0);
    expect(md).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('names metrics as people read them in tables, spikes and stale lists', () => {
    const md = renderMarkdown(sampleReport());
    expect(md).toContain('| Name | All-time downloads | This week | % | Downloads (30 days) | Notes |');
    expect(md).toContain('| ChatGLM-6B | 3,654,300 | +152,400 | +4.4% | 279,600 (+107,800) | spike |');
    expect(md).toContain('## Spikes\n\n- **ChatGLM-6B** (Hugging Face models) all-time downloads +152,400 this week, 3.7× the median weekly change (+40,350) of the 8 weeks before');
    expect(md).toContain('- **LLaMA** stars: last sample 2026-11-21 05:12 UTC');
    expect(md).not.toMatch(/\| downloads_/);
  });

  it('says when it was generated in words, to the minute in UTC', () => {
    expect(renderMarkdown(sampleReport())).toContain('_6 series; generated 2026-11-30 06:00 UTC._');
  });

  it('says "reconstructed" once under a table a backfill covers, on the rows otherwise', () => {
    const base = sampleReport();
    const lines = (report: typeof base) => renderMarkdown(report).split('\n');
    const once = '_Every figure in this table is reconstructed from history (backfill), not observed._';
    // The fixture: of the two GitHub repositories, only ChatGLM-6B's stars are rebuilt.
    const mixed = lines(base);
    expect(mixed).not.toContain(once);
    expect(mixed.filter((line) => line.startsWith('| ChatGLM-6B | 41,213') && line.endsWith('| reconstructed |'))).toHaveLength(1);
    const rows = base.rows.map((row) => (row.kind === 'github_repo' ? { ...row, reconstructed: true } : row));
    const backfilled = lines(sampleReport({ rows }));
    const heading = backfilled.indexOf('## GitHub repositories');
    expect(backfilled.slice(heading, heading + 4)).toEqual(['## GitHub repositories', '', once, '']);
    expect(backfilled.filter((line) => line === once)).toHaveLength(1);
    expect(backfilled.filter((line) => line.startsWith('| ') && line.includes('reconstructed'))).toEqual([]);
    // The stale row keeps its own note.
    expect(backfilled).toContain('| LLaMA | 58,958 | 0 | 0% | stale (last sample 2026-11-21) |');
  });

  it('matches its snapshot', async () => {
    await expect(renderMarkdown(sampleReport())).toMatchFileSnapshot('__snapshots__/report-2026-W48.md');
  });
});

describe('JSON', () => {
  it('is the report itself, byte-stable, with hostile strings intact', async () => {
    const hostile = hostileReport();
    expect(JSON.parse(renderJson(hostile))).toEqual(hostile);
    expect(renderJson(sampleReport())).toBe(renderJson(sampleReport()));
    await expect(renderJson(sampleReport())).toMatchFileSnapshot('__snapshots__/report-2026-W48.json');
  });
});
