#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so `npx oss-pulse` works right
// after `npm install` on Node 20 without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../workers/cli.ts');
process.exitCode = await main(process.argv.slice(2));
