// The built client's source maps (the whole client source) are not served by the production server unless
// SERVE_SOURCEMAPS=true; the scripts themselves always are.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../app';
import { ConfigError, loadConfig } from '../config';
import { createLogger } from '../log';

const dir = mkdtempSync(join(tmpdir(), 'longhand-maps-'));
mkdirSync(join(dir, 'assets'));
writeFileSync(join(dir, 'index.html'), '<!doctype html><script type="module" src="/assets/a.js"></script>');
writeFileSync(join(dir, 'assets', 'a.js'), 'console.log(1);\n//# sourceMappingURL=a.js.map\n');
writeFileSync(join(dir, 'assets', 'a.js.map'), '{"version":3,"sources":["src/secret.ts"],"mappings":""}');

const appWith = (env: Record<string, string>) => createApp({
  cfg: loadConfig({ OLLAMA_BASE_URL: 'http://127.0.0.1:9', LOG_LEVEL: 'silent', ...env }),
  log: createLogger('silent', []), version: 't', clientDir: dir,
});
const get = (app: ReturnType<typeof appWith>, path: string) => app.request(path, { headers: { host: '127.0.0.1' } });

describe('source maps', () => {
  it('are 404 by default (any case of .map), while the scripts are served', async () => {
    const app = appWith({});
    expect((await get(app, '/assets/a.js')).status).toBe(200);
    for (const path of ['/assets/a.js.map', '/assets/A.JS.MAP', '/assets/missing.js.map']) {
      const r = await get(app, path);
      expect(r.status).toBe(404);
      expect(await r.text()).not.toContain('secret.ts');
    }
  });

  it('are served with SERVE_SOURCEMAPS=true', async () => {
    const app = appWith({ SERVE_SOURCEMAPS: 'true' });
    const r = await get(app, '/assets/a.js.map');
    expect(r.status).toBe(200);
    expect(await r.text()).toContain('secret.ts');
    expect((await get(appWith({ SERVE_SOURCEMAPS: 'false' }), '/assets/a.js.map')).status).toBe(404);
  });

  it('SERVE_SOURCEMAPS accepts true/false/1/0 only', () => {
    expect(() => loadConfig({ SERVE_SOURCEMAPS: 'yes' })).toThrow(ConfigError);
    expect(loadConfig({ SERVE_SOURCEMAPS: '1' }).SERVE_SOURCEMAPS).toBe(true);
    expect(loadConfig({}).SERVE_SOURCEMAPS).toBe(false);
  });
});
