import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import { ForbiddenError, UnauthenticatedError } from '../common/errors.js';
import type { Principal } from './api-key.service.js';
import { roleAllows, type Role } from './role.js';
import { REQUIRED_ROLE } from './roles.decorator.js';

export interface GraphqlContext {
  principal: Principal | null;
  req?: unknown;
}

/**
 * Every GraphQL field needs a valid key (the context resolves it); fields marked with
 * @RequireRole need at least that role. Applies to GraphQL only; HTTP routes check keys themselves.
 */
@Injectable()
export class RoleGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<string>() !== 'graphql') return true;
    const { principal } = GqlExecutionContext.create(context).getContext<GraphqlContext>();
    if (!principal)
      throw new UnauthenticatedError('a valid API key is required: Authorization: Bearer <key>');
    const required =
      this.reflector.getAllAndOverride<Role | undefined>(REQUIRED_ROLE, [
        context.getHandler(),
        context.getClass(),
      ]) ?? 'reader';
    if (!roleAllows(principal.role, required)) {
      throw new ForbiddenError(
        `this operation needs the ${required} role; the key "${principal.name}" has ${principal.role}`,
      );
    }
    return true;
  }
}
