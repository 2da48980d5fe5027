import { Inject, Injectable } from '@nestjs/common';
import { InvalidInputError } from '../common/errors.js';
import { APP_CONFIG, type AppConfig } from '../config/config.js';
import { CSV_LINE_END, focusCsvHeader, formatFocusCsvRow } from '../domain/finance/index.js';
import type { Actor } from '../workloads/workload.service.js';
import {
  FocusExportRepository,
  type ExportCursor,
  type ExportRange,
} from './ledger/focus-export.repository.js';

export interface FocusExportRequest {
  readonly from: string | undefined;
  readonly to: string | undefined;
  readonly basis: string | undefined;
}

const MAX_EXPORT_DAYS = 3660;

/** The ledger as a FOCUS 1.2 CSV (FOCUS_EXPORT_COLUMNS), produced a page at a time. */
@Injectable()
export class FocusExportService {
  constructor(
    private readonly exports: FocusExportRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Validates the query; throws InvalidInputError before anything is sent. */
  range(actor: Actor, request: FocusExportRequest): ExportRange {
    const from = instant(request.from, 'from');
    const to = instant(request.to, 'to');
    if (!(from.getTime() < to.getTime()))
      throw new InvalidInputError('from must be before to (half-open [from, to))', 'to');
    if (to.getTime() - from.getTime() > MAX_EXPORT_DAYS * 86_400_000)
      throw new InvalidInputError(`at most ${MAX_EXPORT_DAYS} days per export`, 'to');
    const basis = (request.basis ?? 'ESTIMATED').toUpperCase();
    if (basis !== 'ESTIMATED' && basis !== 'ACTUAL')
      throw new InvalidInputError('must be ESTIMATED or ACTUAL', 'basis');
    return { tenant: actor.tenant, basis: basis, from, to };
  }

  /** Header, then each row as one CRLF-terminated line; reads the next page only when asked. */
  async *lines(range: ExportRange): AsyncGenerator<string> {
    yield focusCsvHeader() + CSV_LINE_END;
    let cursor: ExportCursor | null = null;
    do {
      const page = await this.exports.page(range, cursor, this.config.finance.exportPageRows);
      let chunk = '';
      for (const row of page.rows) chunk += formatFocusCsvRow(row) + CSV_LINE_END;
      if (chunk) yield chunk;
      cursor = page.next;
    } while (cursor !== null);
  }

  fileName(range: ExportRange): string {
    const day = (d: Date) => d.toISOString().slice(0, 10);
    return `cumulus-focus-${range.basis.toLowerCase()}-${day(range.from)}-${day(range.to)}.csv`;
  }
}

/** An ISO 8601 instant with its time zone, or a UTC day (YYYY-MM-DD). */
function instant(text: string | undefined, path: string): Date {
  if (text === undefined || text.trim() === '')
    throw new InvalidInputError(
      'required: an ISO 8601 instant (2026-03-01T00:00:00Z) or a day (2026-03-01)',
      path,
    );
  const value = text.trim();
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value);
  if (!day && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/i.test(value))
    throw new InvalidInputError(`"${value}" is not an ISO 8601 instant with a time zone, nor a day`, path);
  const date = new Date(day ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(date.getTime()) || (day && date.toISOString().slice(0, 10) !== value))
    throw new InvalidInputError(`"${value}" is not a valid date`, path);
  return date;
}
