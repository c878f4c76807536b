/**
 * The HTML report rendered by headless Chromium (Debian's `chromium` package): run by
 * `npx projen test:render`, not by the default jest run, because it needs that browser.
 * The screenshot is kept as a test artifact in test-reports/scanner-report.png.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fakeEnv, fixtureAccount, REGIONS, withEnv } from './fake-aws/fixtures';
import { FakeAws } from './fake-aws/server';
import { decodePng, Rgba } from './png';
import { main } from '../../src/scanner/runtime/cli';
import { ScanReport } from '../../src/scanner/runtime/report';

jest.setTimeout(90_000);

const ARTIFACTS = path.join(__dirname, '..', '..', 'test-reports');
const WIDTH = 1280;
const HEIGHT = 1000;

/** The report's bar colours (src/scanner/runtime/html.ts). */
const TRACK = [0xe9, 0xec, 0xef];
const FILLS: Record<string, number[]> = {
  green: [0x2b, 0x8a, 0x3e],
  amber: [0xe6, 0xa7, 0x00],
  red: [0xc9, 0x2a, 0x2a],
  grey: [0xad, 0xb5, 0xbd],
};

function expectedColour(score: number | null): string {
  if (score === null) return 'grey';
  return score >= 90 ? 'green' : score >= 70 ? 'amber' : 'red';
}

const NAMES = ['track', ...Object.keys(FILLS)];
const COLOURS = [TRACK, ...Object.values(FILLS)];

/**
 * Each pixel as an index into NAMES plus one (0: none of them): within 6 per channel of a bar
 * colour (the table's borders, #dee2e6, are 11 away from the track).
 */
function classifyAll(img: Rgba): Uint8Array {
  const out = new Uint8Array(img.width * img.height);
  const d = new Uint8Array(img.data.buffer, img.data.byteOffset, img.data.length);
  const flat = Int32Array.from(COLOURS.flat());
  for (let p = 0, i = 0; p < out.length; p++, i += 4) {
    const r = d[i];
    const g = d[i + 1];
    const b = d[i + 2];
    for (let k = 0; k < flat.length; k += 3) {
      if (Math.abs(r - flat[k]) <= 6 && Math.abs(g - flat[k + 1]) <= 6 && Math.abs(b - flat[k + 2]) <= 6) {
        out[p] = k / 3 + 1;
        break;
      }
    }
  }
  return out;
}

interface Run {
  readonly x0: number;
  readonly x1: number;
  readonly fill: number;
  readonly colour?: string;
}

/**
 * Horizontal runs in one pixel row that look like a score bar: fill pixels of one colour, then
 * track pixels, at least 150 px in all. Up to two unmatched pixels (the anti-aliased edge of a
 * fill that ends mid-pixel) may sit between fill and track; they count as half fill.
 */
function runsInRow(img: Rgba, classes: Uint8Array, y: number): Run[] {
  const classify = (x: number) => NAMES[classes[y * img.width + x] - 1] as string | undefined;
  const runs: Run[] = [];
  let x = 0;
  while (x < img.width) {
    const first = classify(x);
    if (!first) {
      x++;
      continue;
    }
    const x0 = x;
    const colour = first === 'track' ? undefined : first;
    let fill = 0;
    let inTrack = first === 'track';
    let gap = 0;
    for (; x < img.width; x++) {
      const k = classify(x);
      if (k === undefined) {
        if (inTrack || ++gap > 2) break;
        continue;
      }
      if (k === 'track') {
        if (!inTrack) fill += gap / 2;
        inTrack = true;
      } else if (inTrack || k !== colour || gap > 0) {
        break;
      } else {
        fill++;
      }
    }
    const x1 = x - 1;
    if (x1 - x0 + 1 >= 150) runs.push({ x0, x1, fill, colour });
  }
  return runs;
}

/** Bars: runs at the same x extent on at least 8 consecutive rows, measured on their middle row. */
function findBars(img: Rgba): Array<Run & { y: number }> {
  const open = new Map<string, { rows: Array<Run & { y: number }> ; last: number }>();
  const bars: Array<Run & { y: number }> = [];
  const close = (key: string) => {
    const o = open.get(key)!;
    if (o.rows.length >= 8) bars.push(o.rows[Math.floor(o.rows.length / 2)]);
    open.delete(key);
  };
  const classes = classifyAll(img);
  for (let y = 0; y < img.height; y++) {
    for (const r of runsInRow(img, classes, y)) {
      const key = `${r.x0}:${r.x1}`;
      const o = open.get(key) ?? { rows: [], last: y - 1 };
      o.rows.push({ ...r, y });
      o.last = y;
      open.set(key, o);
    }
    for (const [key, o] of [...open.entries()]) if (o.last < y) close(key);
  }
  for (const key of [...open.keys()]) close(key);
  return bars.sort((a, b) => a.y - b.y || a.x0 - b.x0);
}

function chromium(args: string[]): void {
  const r = spawnSync('chromium', args, { encoding: 'utf8', timeout: 60_000 });
  if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    throw new Error("chromium is not installed: this test renders the HTML report in Debian's headless Chromium. Run: apt-get install chromium fonts-dejavu-core");
  }
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`chromium exited ${r.status}: ${r.stderr}`);
}

describe('HTML report in headless Chromium', () => {
  test('the score bars render: one per category and severity, each filled in its colour to its score', async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const json = path.join(ARTIFACTS, 'scanner-report.json');
    const html = path.join(ARTIFACTS, 'scanner-report.html');
    const png = path.join(ARTIFACTS, 'scanner-report.png');
    fs.rmSync(png, { force: true });

    const fake = new FakeAws(fixtureAccount());
    await fake.start();
    try {
      const io = { out: () => undefined, err: () => undefined };
      const code = await withEnv(fakeEnv(fake.url), () => main(['--regions', REGIONS.join(','), '--out', json, '--html', html, '--quiet'], io));
      expect(code).toBe(1); // the fixture has high findings; the default --fail-on is high
    } finally {
      await fake.stop();
    }
    const report = JSON.parse(fs.readFileSync(json, 'utf8')) as ScanReport;
    expect(report.status).toBe('COMPLETE');

    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-'));
    try {
      chromium(['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', `--user-data-dir=${profile}`,
        `--screenshot=${png}`, `--window-size=${WIDTH},${HEIGHT}`, `file://${html}`]);
    } finally {
      fs.rmSync(profile, { recursive: true, force: true });
    }
    const img = decodePng(fs.readFileSync(png));
    expect([img.width, img.height]).toEqual([WIDTH, HEIGHT]);

    const bars = findBars(img);
    const columns = [bars.filter((b) => b.x0 < WIDTH / 2), bars.filter((b) => b.x0 >= WIDTH / 2)];
    const expected = [Object.entries(report.score.byCategory), Object.entries(report.score.bySeverity)];
    expected.forEach((entries, col) => {
      const measured = columns[col];
      expect(`${measured.length} bars`).toBe(`${entries.length} bars`);
      const widths = measured.map((b) => b.x1 - b.x0 + 1);
      expect(Math.max(...widths) - Math.min(...widths)).toBeLessThanOrEqual(2); // one track width, but for a sub-pixel edge
      const seen = measured.map((b) => ({
        colour: b.fill >= 1 ? b.colour : undefined,
        percent: Math.round((1000 * b.fill) / (b.x1 - b.x0 + 1)) / 10,
      }));
      const want = entries.map(([, s]) => {
        const score = s?.score ?? null;
        return { colour: score ? expectedColour(score) : undefined, percent: score ?? 0 };
      });
      // Within 1.5 percentage points (about 5 px of a 360 px track): sub-pixel edges, nothing more.
      seen.forEach((m, i) => {
        const label = entries[i][0];
        expect(`${label} ${m.colour}`).toBe(`${label} ${want[i].colour}`);
        expect(Math.abs(m.percent - want[i].percent)).toBeLessThanOrEqual(1.5);
      });
    });
    // The fixture is not all green or all red: the assertion covers more than one colour and width.
    expect(new Set(columns.flat().map((b) => b.colour)).size).toBeGreaterThan(1);
  });
});
