import { EC2Client } from '@aws-sdk/client-ec2';
import { Route53Client } from '@aws-sdk/client-route-53';
import { S3Client } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import type { ProvidersConfig } from '../../config/config.js';
import { ProviderError } from '../provider-port.js';

export interface AwsClients {
  readonly ec2: EC2Client;
  readonly s3: S3Client;
  readonly route53: Route53Client;
}

/**
 * The three SDK v3 clients from config. With an endpoint (a private or test endpoint) S3 is
 * path-style. The SDK's own retries are off: the orchestrator retries with its backoff and
 * counts attempts, so one step call is one request per operation.
 */
export function createAwsClients(config: ProvidersConfig['aws']): AwsClients {
  const common = {
    region: config.region,
    maxAttempts: 1,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...(config.accessKeyId && config.secretAccessKey
      ? { credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey } }
      : {}),
  };
  return {
    ec2: new EC2Client(common),
    s3: new S3Client({
      ...common,
      forcePathStyle: config.endpoint !== null,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
    route53: new Route53Client(common),
  };
}

/** EC2 ClientToken: at most 64 ASCII characters, so a digest of the (longer) idempotency key. */
export function clientToken(key: string): string {
  return `cumulus-${createHash('sha256').update(key).digest('hex').slice(0, 48)}`;
}

export const KEY_TAG = 'cumulus:key';
export const COMPONENT_TAG = 'cumulus:component';

const RETRYABLE_CODES = new Set([
  'RequestLimitExceeded',
  'Throttling',
  'ThrottlingException',
  'PriorRequestNotComplete',
  'SlowDown',
  'ServiceUnavailable',
  'InternalError',
  'InternalFailure',
  'Unavailable',
  'RequestTimeout',
  'IncorrectInstanceState',
]);

interface SdkError {
  name?: string;
  Code?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: unknown;
}

/** An SDK error as the port's typed error: throttling, 5xx and network failures are retryable. */
export function toProviderError(error: unknown, operation: string): ProviderError {
  if (error instanceof ProviderError) return error;
  const e = error as SdkError;
  const code = e.Code ?? e.name ?? 'Unknown';
  const status = e.$metadata?.httpStatusCode;
  const network = typeof e.code === 'string' && /^E[A-Z]+/.test(e.code);
  const retryable =
    network ||
    RETRYABLE_CODES.has(code) ||
    Boolean(e.$retryable) ||
    status === undefined ||
    status === 429 ||
    status >= 500;
  return new ProviderError(`aws ${operation}: ${code}: ${e.message ?? String(error)}`, retryable, code);
}

/** The error code of an SDK error (to treat "already gone" as done). */
export function errorCode(error: unknown): string {
  const e = error as SdkError;
  return e.Code ?? e.name ?? '';
}
