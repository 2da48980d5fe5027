#!/usr/bin/env -S node --max-old-space-size=384
// The heap limit keeps a long import's RSS bounded: V8 otherwise lets garbage pile up towards its
// default limit (gigabytes) before it collects. Keep it equal to the `cli` script in package.json.
import 'reflect-metadata';
import { Command } from 'commander';
import { apikeyCommand } from './cli/apikey.command.js';
import { catalogCommand } from './cli/catalog.command.js';
import { migrationCommand } from './cli/migration.command.js';
import { placeCommand } from './cli/place.command.js';
import { runWithContext } from './cli/cli-runner.js';
import { financeCommand } from './cli/finance.command.js';
import { overspillCommand } from './cli/overspill.command.js';

const program = new Command('cumulus')
  .description('Cumulus: cross-provider cloud broker (catalogs, placement, migrations, overspill, finance)')
  .showHelpAfterError()
  .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) });

program.addCommand(catalogCommand(runWithContext));
program.addCommand(apikeyCommand(runWithContext));
program.addCommand(migrationCommand(runWithContext));
program.addCommand(placeCommand(runWithContext));
program.addCommand(financeCommand(runWithContext));
program.addCommand(overspillCommand(runWithContext));

await program.parseAsync(process.argv);
