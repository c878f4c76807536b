/**
 * Renders the HTML report of the fixture account (scanned through the fake AWS endpoint) and
 * takes a screenshot with headless Chromium (Debian's `chromium` package):
 *   npx ts-node --project tsconfig.dev.json scripts/screenshot-scan-report.ts [out.png]
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runScan } from '../src/scanner/runtime/engine';
import { renderHtml } from '../src/scanner/runtime/html';
import { fakeEnv, fixtureAccount, REGIONS, withEnv } from '../test/scanner/fake-aws/fixtures';
import { FakeAws } from '../test/scanner/fake-aws/server';

async function main(): Promise<void> {
  const png = path.resolve(process.argv[2] ?? 'docs/scanner-report.png');
  const fake = new FakeAws(fixtureAccount());
  await fake.start();
  try {
    const report = await withEnv(fakeEnv(fake.url), () => runScan({ regions: REGIONS, credentialReportPollMs: 1 }));
    const html = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'scan-html-')), 'report.html');
    fs.writeFileSync(html, renderHtml(report));
    execFileSync('chromium', ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', `--screenshot=${png}`, '--window-size=1280,1300', `file://${html}`],
      { stdio: 'ignore' });
    console.log(`${png}: ${fs.statSync(png).size} bytes (score ${report.score.overall}, ${report.findings.length} findings)`);
  } finally {
    await fake.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
