import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DATABASE } from '../database/database.module.js';
import type { Database } from '../database/database.js';

/** GET /health: is the database reachable, which backend, how many catalog versions serve. No key needed. */
@Controller('health')
export class HealthController {
  constructor(@Inject(DATABASE) private readonly database: Database) {}

  @Get()
  async health(@Res() res: Response): Promise<void> {
    const started = Date.now();
    try {
      const rows: { migrations: string; active: string }[] = await this.database.dataSource.query(
        `SELECT (SELECT count(*) FROM schema_migrations)::text AS migrations,
                (SELECT count(*) FROM catalog_versions WHERE status = 'ACTIVE')::text AS active`,
      );
      res.status(200).json({
        status: 'ok',
        database: {
          status: 'up',
          kind: this.database.kind === 'pglite' ? 'embedded (PGlite)' : 'postgresql',
          latencyMs: Date.now() - started,
          migrations: Number(rows[0]?.migrations ?? 0),
        },
        catalog: { activeVersions: Number(rows[0]?.active ?? 0) },
      });
    } catch (error) {
      res.status(503).json({
        status: 'error',
        database: { status: 'down', kind: this.database.kind, error: (error as Error).message },
      });
    }
  }
}
