import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { importGraph, importsOf } from './import-graph.ts';
import { layerViolations } from './rules.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('import layers (docs/architecture.md)', () => {
  it('the tree has no import that crosses the layers', () => {
    expect(layerViolations(importGraph(root))).toEqual([]);
  });

  it('flags a machine importing a driver, the runtime importing electron, and anything importing main/', () => {
    const edges = [
      {
        from: 'state-machines/session.ts',
        specifier: '../device-drivers/x.ts',
        target: 'device-drivers/x.ts',
        typeOnly: false,
      },
      { from: 'main/runtime/runtime.ts', specifier: 'electron', target: null, typeOnly: false },
      {
        from: 'backend/server.ts',
        specifier: '../main/runtime/x.ts',
        target: 'main/runtime/x.ts',
        typeOnly: false,
      },
      {
        from: 'renderer/kiosk/app.tsx',
        specifier: '../../contracts/bridge.ts',
        target: 'contracts/bridge.ts',
        typeOnly: false,
      },
      { from: 'state-machines/session.ts', specifier: 'better-sqlite3', target: null, typeOnly: true },
    ];
    const problems = layerViolations(edges);
    expect(problems).toHaveLength(5);
    expect(problems[1]).toContain("'electron'");
  });

  it('allows what the layers allow', () => {
    const edges = [
      {
        from: 'main/runtime/runtime.ts',
        specifier: '../../state-machines/session.ts',
        target: 'state-machines/session.ts',
        typeOnly: false,
      },
      { from: 'main/electron/main.ts', specifier: 'electron', target: null, typeOnly: false },
      {
        from: 'renderer/kiosk/app.tsx',
        specifier: '../../contracts/bridge.ts',
        target: 'contracts/bridge.ts',
        typeOnly: true,
      },
      {
        from: 'simulators/x/main.ts',
        specifier: '../../device-drivers/codecs/escpos/status.ts',
        target: 'device-drivers/codecs/escpos/status.ts',
        typeOnly: false,
      },
    ];
    expect(layerViolations(edges)).toEqual([]);
  });

  it('reads type-only, dynamic and require imports', () => {
    const found = importsOf(
      'x.ts',
      "import type { A } from './a.ts'; import { type B } from './b.ts'; const c = await import('./c.ts'); require('electron');",
    );
    expect(found).toEqual([
      { specifier: './a.ts', typeOnly: true },
      { specifier: './b.ts', typeOnly: true },
      { specifier: './c.ts', typeOnly: false },
      { specifier: 'electron', typeOnly: false },
    ]);
  });
});
