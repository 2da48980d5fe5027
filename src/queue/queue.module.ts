import { Module } from '@nestjs/common';
import { JOB_QUEUE } from './job-queue.js';
import { JobsRepository } from './jobs.repository.js';
import { TableJobQueue } from './table-job-queue.js';

/** The durable job queue; JOB_QUEUE is the interface the rest of the code depends on. */
@Module({
  providers: [JobsRepository, TableJobQueue, { provide: JOB_QUEUE, useExisting: TableJobQueue }],
  exports: [JOB_QUEUE, TableJobQueue],
})
export class QueueModule {}
