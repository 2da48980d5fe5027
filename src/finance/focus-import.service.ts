import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { InvalidInputError } from '../common/errors.js';
import {
  ExactSum,
  FocusFormatError,
  readFocusCsv,
  type ActualCostRecord,
  type FocusImportItem,
  type RejectedCostRow,
} from '../domain/finance/index.js';
import type { Actor } from '../workloads/workload.service.js';
import type { FocusImportEntity } from './entities/ledger.entities.js';
import { actualCsvLine } from './ledger/ledger-columns.js';
import { FocusImportRepository } from './ledger/focus-import.repository.js';
import { LedgerPartitionRepository } from './ledger/ledger-partition.repository.js';

export interface FocusImportRequest {
  /** A file on this machine (the CLI, a spooled upload, or a path on the import allow-list). */
  readonly file: string;
  readonly fileName?: string;
  /** The provider account the bill belongs to; absent: each row's BillingAccountId. */
  readonly account: string | null;
  /** Import the accepted rows even if some are rejected (default: a rejected row refuses the file). */
  readonly allowRejected: boolean;
}

export type FocusImportStatus = 'IMPORTED' | 'UNCHANGED' | 'REJECTED';

export interface FocusImportOutcome {
  readonly status: FocusImportStatus;
  readonly importId: string | null;
  readonly checksum: string;
  readonly rows: number;
  readonly rejected: number;
  /** The first rejected rows (spreadsheet row numbers: the header is row 1). */
  readonly rejections: readonly RejectedCostRow[];
  readonly warnings: number;
  readonly totals: Readonly<Record<string, { billedCost: string; effectiveCost: string; listCost: string }>>;
}

const BATCH_ROWS = 5000;
const MAX_REPORTED_REJECTIONS = 1000;

interface Survey {
  rows: number;
  rejected: number;
  rejections: RejectedCostRow[];
  warnings: number;
  months: Set<string>;
  sums: Map<string, { billed: ExactSum; effective: ExactSum; list: ExactSum }>;
  firstStart: number | null;
  lastEnd: number | null;
}

/**
 * Imports a provider's FOCUS bill as ACTUAL ledger rows. Two passes over the file, one row in
 * memory at a time: the first checks every row and counts (nothing is written when a row is
 * rejected, unless allowed), the second writes the rows in one transaction, so a bill is in
 * the ledger whole or not at all. The same bytes imported again are a no-op (checksum).
 */
@Injectable()
export class FocusImportService {
  constructor(
    private readonly imports: FocusImportRepository,
    private readonly partitions: LedgerPartitionRepository,
  ) {}

  async import(actor: Actor, request: FocusImportRequest): Promise<FocusImportOutcome> {
    const account = request.account?.trim() || null;
    if (account !== null && account.length > 200)
      throw new InvalidInputError('at most 200 characters', 'account');
    const checksum = await sha256(request.file);
    const existing = await this.imports.findByChecksum(actor.tenant, checksum);
    if (existing) {
      return {
        status: 'UNCHANGED',
        importId: existing.id,
        checksum,
        rows: existing.rows,
        rejected: existing.rejected,
        rejections: existing.rejections,
        warnings: existing.warnings,
        totals: existing.totals,
      };
    }
    const survey = await this.survey(request.file);
    const totals = Object.fromEntries(
      [...survey.sums].map(([currency, s]) => [
        currency,
        {
          billedCost: s.billed.toString(),
          effectiveCost: s.effective.toString(),
          listCost: s.list.toString(),
        },
      ]),
    );
    const outcome = {
      checksum,
      rows: survey.rows,
      rejected: survey.rejected,
      rejections: survey.rejections,
      warnings: survey.warnings,
      totals,
    };
    if (survey.rejected > 0 && !request.allowRejected)
      return { ...outcome, status: 'REJECTED', importId: null, rows: 0 };
    if (survey.rows === 0) throw new InvalidInputError('the file holds no cost rows', 'file');

    await this.partitions.ensureMonths(survey.months);
    const saved = await this.imports.writeImport(
      {
        tenant: actor.tenant,
        providerAccount: account,
        fileName: request.fileName ?? path.basename(request.file),
        checksum,
        rows: survey.rows,
        rejected: survey.rejected,
        rejections: survey.rejections,
        warnings: survey.warnings,
        totals,
        chargePeriodStart: survey.firstStart === null ? null : new Date(survey.firstStart),
        chargePeriodEnd: survey.lastEnd === null ? null : new Date(survey.lastEnd),
        importedBy: actor.name,
      },
      (importId) =>
        this.batches(request.file, checksum, survey.rows, {
          tenant: actor.tenant,
          importId,
          providerAccount: account,
        }),
    );
    return { ...outcome, status: 'IMPORTED', importId: saved.id };
  }

  list(actor: Actor): Promise<FocusImportEntity[]> {
    return this.imports.listForTenant(actor.tenant);
  }

  private async survey(file: string): Promise<Survey> {
    const survey: Survey = {
      rows: 0,
      rejected: 0,
      rejections: [],
      warnings: 0,
      months: new Set(),
      sums: new Map(),
      firstStart: null,
      lastEnd: null,
    };
    for await (const item of read(file)) {
      if (item.kind === 'rejected') {
        survey.rejected += 1;
        if (survey.rejections.length < MAX_REPORTED_REJECTIONS)
          survey.rejections.push({ rowNumber: item.rowNumber, reason: item.reason });
        continue;
      }
      const record = item.record;
      survey.rows += 1;
      survey.warnings += record.warnings.length;
      survey.months.add(record.chargePeriodStart.slice(0, 7));
      const start = Date.parse(record.chargePeriodStart);
      const end = Date.parse(record.chargePeriodEnd);
      survey.firstStart = survey.firstStart === null ? start : Math.min(survey.firstStart, start);
      survey.lastEnd = survey.lastEnd === null ? end : Math.max(survey.lastEnd, end);
      addTotals(survey, record);
    }
    return survey;
  }

  /** The accepted rows again, as COPY batches; refuses (rolling the import back) if the file changed since the survey. */
  private async *batches(
    file: string,
    checksum: string,
    expectedRows: number,
    context: Parameters<typeof actualCsvLine>[1],
  ): AsyncGenerator<string> {
    let csv = '';
    let inBatch = 0;
    let written = 0;
    for await (const item of read(file)) {
      if (item.kind === 'rejected') continue;
      csv += actualCsvLine(item.record, context);
      written += 1;
      if (++inBatch >= BATCH_ROWS) {
        yield csv;
        csv = '';
        inBatch = 0;
      }
    }
    if (csv.length > 0) yield csv;
    if (written !== expectedRows || (await sha256(file)) !== checksum)
      throw new InvalidInputError(
        'the file changed while it was being imported; nothing was imported',
        'file',
      );
  }
}

async function* read(file: string): AsyncGenerator<FocusImportItem> {
  if (!fs.existsSync(file)) throw new InvalidInputError(`no such file: ${file}`, 'file');
  try {
    yield* readFocusCsv(fs.createReadStream(file));
  } catch (error) {
    if (error instanceof FocusFormatError) throw new InvalidInputError(error.message, 'file');
    throw error;
  }
}

function addTotals(survey: Survey, record: ActualCostRecord): void {
  let sum = survey.sums.get(record.billingCurrency);
  if (!sum) {
    sum = { billed: new ExactSum(), effective: new ExactSum(), list: new ExactSum() };
    survey.sums.set(record.billingCurrency, sum);
  }
  sum.billed.add(record.billedCost);
  sum.effective.add(record.effectiveCost);
  if (record.listCost !== null) sum.list.add(record.listCost);
}

async function sha256(file: string): Promise<string> {
  if (!fs.existsSync(file)) throw new InvalidInputError(`no such file: ${file}`, 'file');
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
