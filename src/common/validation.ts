import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { InvalidInputError } from './errors.js';

function firstProblem(errors: ValidationError[], prefix: string): { path: string; message: string } | null {
  for (const error of errors) {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const message = error.constraints ? Object.values(error.constraints)[0] : undefined;
    if (message) return { path, message };
    const nested = firstProblem(error.children ?? [], path);
    if (nested) return nested;
  }
  return null;
}

/** Validates resolver arguments (class-validator decorators on input types) and names the field at fault. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    forbidUnknownValues: false,
    exceptionFactory: (errors) => {
      const problem = firstProblem(errors, '');
      return new InvalidInputError(problem?.message ?? 'invalid input', problem?.path);
    },
  });
}
