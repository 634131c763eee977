import { openDatabase } from '../../schema/db.ts';
import { EXIT } from '../cli-context.ts';
import { defineCommand } from './define-command.ts';

/** `migrate`: the migrations alone (every command that opens the database applies them first anyway). */
export const migrateCli = defineCommand({
  name: 'migrate',
  summary: 'apply database migrations',
  description: 'Applies the database migrations to DATABASE_URL, or to the embedded database; every command that uses the database also does so first.',
  flags: {},
  async run(context) {
    const database = await openDatabase(context);
    try {
      await database.migrate();
      context.stdout.write(`Migrations applied to ${database.location}\n`);
    } finally {
      await database.close();
    }
    return EXIT.ok;
  },
});
